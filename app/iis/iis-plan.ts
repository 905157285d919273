import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { ensureAll } from './ensure';
import { isSatisfied, observe } from './resolve';
import type { IisPlan, IisSetting, PlanItem, ServerRole } from '../contract/iis';
import { parseXmlTree } from './xml-tree';
import { itemsFor } from './iis-items';
import { detectRoles, roleName } from './server-role';
import type { IisPlanOptions } from './iis-options';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function buildIisPlan(role: ServerRole, text: string, settings: Settings, options: IisPlanOptions): Result<IisPlan> {
  const tree = parseXmlTree(text);
  if (!tree.ok) return tree;
  if (tree.value.root.name !== 'configuration') {
    return err(
      'iis.not-applicationhost',
      `The root element is <${tree.value.root.name}>, not <configuration>: this is not an applicationHost.config.`,
      'Choose %windir%\\System32\\inetsrv\\config\\applicationHost.config (or a copy of it).',
    );
  }
  const roles = detectRoles(tree.value);
  if (roles.length > 0 && !roles.some((r) => r.role === role)) {
    const shown = roles.map((r) => `${roleName(r.role)} (${r.sign})`).join(' and ');
    return err(
      'iis.wrong-server',
      `This applicationHost.config belongs to ${shown}, not to ${roleName(role)}: no plan is made, since the ${roleName(role).replace(/^an? /, '')}'s settings would break it.`,
      `Choose ${roleName(role)}'s applicationHost.config, or choose the server this file comes from.`,
    );
  }
  const specs = itemsFor(role, tree.value, settings, options);
  const items = specs.items.map((spec): PlanItem => {
    const observed = observe(tree.value, spec.setting);
    return { ...spec, current: observed.effective, currentSource: observed.source, state: isSatisfied(tree.value, spec.setting) ? 'done' : 'change' };
  });
  return ok({ server: role, items, blocked: specs.blocked, sourceSha256: sha256(text) });
}

function pendingSettings(plan: IisPlan): IisSetting[] {
  return plan.items.filter((item) => item.state === 'change').map((item) => item.setting);
}

/** The new text, or the same text when nothing is pending; refuses text the plan was not made from. */
export function renderPlannedText(text: string, plan: IisPlan): Result<string> {
  if (sha256(text) !== plan.sourceSha256) {
    return err(
      'iis.config-changed',
      'applicationHost.config changed since the plan was made.',
      'Review the plan again: it will be made from the file as it is now.',
    );
  }
  return ensureAll(text, pendingSettings(plan));
}

/** Every item of the plan holds in this text (after apply: the re-read check). */
export function planHolds(text: string, plan: IisPlan): Result<true> {
  const tree = parseXmlTree(text);
  if (!tree.ok) return tree;
  const failing = plan.items.filter((item) => !isSatisfied(tree.value, item.setting));
  if (failing.length > 0) {
    return err(
      'iis.plan-not-held',
      `After writing, these items do not hold: ${failing.map((item) => item.id).join(', ')}.`,
      'The file was restored from the backup. Report this with the file attached.',
    );
  }
  return ok(true);
}
