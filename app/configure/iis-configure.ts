import { err, ok, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { listBackups, readConfigFile, replaceConfigFile, restoreBackup, type WriteOptions } from '../iis/apply-file';
import type { ApplyOutcome, IisPreview, ServerRole, UndoOutcome } from '../contract/iis';
import { unifiedDiff } from '../iis/line-diff';
import { appcmdCommands } from '../scripts/appcmd';
import { buildIisPlan, planHolds, renderPlannedText } from '../iis/iis-plan';
import { DEFAULT_IIS_OPTIONS, type IisPlanOptions } from '../iis/iis-options';

export interface IisRequest {
  readonly role: ServerRole;
  /** applicationHost.config, or a copy of it. */
  readonly configPath: string;
  readonly settings: Settings;
  readonly options?: Partial<IisPlanOptions>;
}

function optionsOf(request: IisRequest): IisPlanOptions {
  return { ...DEFAULT_IIS_OPTIONS, ...request.options };
}

async function planFile(request: IisRequest): Promise<Result<{ text: string; preview: IisPreview; next: string }>> {
  const text = await readConfigFile(request.configPath);
  if (!text.ok) return text;
  const plan = buildIisPlan(request.role, text.value, request.settings, optionsOf(request));
  if (!plan.ok) return plan;
  const next = renderPlannedText(text.value, plan.value);
  if (!next.ok) return next;
  const commands = appcmdCommands(plan.value);
  if (!commands.ok) return commands;
  const diff = unifiedDiff(text.value, next.value, `a/${request.role}/applicationHost.config`, `b/${request.role}/applicationHost.config`);
  return ok({ text: text.value, next: next.value, preview: { plan: plan.value, diff, appcmd: commands.value } });
}

/** What apply would do: the plan per guide step, the diff and the appcmd form. Writes nothing. */
export async function previewIis(request: IisRequest): Promise<Result<IisPreview>> {
  const planned = await planFile(request);
  return planned.ok ? ok(planned.value.preview) : planned;
}

export interface IisApplyResult extends ApplyOutcome {
  readonly preview: IisPreview;
}

/**
 * Applies the plan to the file. With `expectedSha256` (the `plan.sourceSha256` the person
 * reviewed) a file that changed since the preview is refused rather than silently re-planned.
 */
export async function applyIis(request: IisRequest & { readonly expectedSha256?: string }, write: WriteOptions = {}): Promise<Result<IisApplyResult>> {
  const planned = await planFile(request);
  if (!planned.ok) return planned;
  const { text, next, preview } = planned.value;
  if (request.expectedSha256 !== undefined && request.expectedSha256 !== preview.plan.sourceSha256) {
    return err('iis.config-changed', `${request.configPath} changed since the plan was reviewed.`, 'Review the new plan and apply again.');
  }
  const outcome = await replaceConfigFile(request.configPath, text, next, (written) => planHolds(written, preview.plan), write);
  return outcome.ok ? ok({ ...outcome.value, preview }) : outcome;
}

export async function undoIis(configPath: string, backupPath: string, write: WriteOptions = {}): Promise<Result<UndoOutcome>> {
  return restoreBackup(configPath, backupPath, write);
}

export async function iisBackups(configPath: string): Promise<Result<string[]>> {
  return ok(await listBackups(configPath));
}
