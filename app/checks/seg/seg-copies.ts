import { promises as fs } from 'node:fs';
import { resolveSettingsPath } from '../../config/settings-path';
import type { IisPlan } from '../../contract/iis';
import { err, type Result } from '../../contract/result';
import type { Settings } from '../../contract/settings';
import { readConfigFile } from '../../iis/apply-file';
import { DEFAULT_IIS_OPTIONS } from '../../iis/iis-options';
import { buildIisPlan } from '../../iis/iis-plan';
import { parseXmlTree, type XmlTree } from '../../iis/xml-tree';
import { parseRegExport, type RegistryExport } from '../../scripts/reg-file';
import type { CheckContext, CheckOutcome } from '../types';

/**
 * seg.*: the SEG host as the guide leaves it, judged from copies — its applicationHost.config
 * (settings seg.iisConfigPath), an export of its registry (seg.registryExport) and a folder of
 * its files (seg.folder: krb5.ini) — so the check runs anywhere, not only on the SEG. This file
 * reads the copies, once per run, for the checks of the family.
 */

export const pathOf = (ctx: CheckContext, value: string) => resolveSettingsPath(value, ctx.baseDir);

export const noIis = (s: Settings) => (s.seg.iisConfigPath.trim() === '' ? 'No copy of the SEG’s applicationHost.config is set (seg.iisConfigPath)' : null);
export const noRegistry = (s: Settings) => (s.seg.registryExport.trim() === '' ? 'No export of the SEG’s registry is set (seg.registryExport)' : null);
export const noFolder = (s: Settings) => (s.seg.folder.trim() === '' ? 'No folder with the SEG’s files is set (seg.folder)' : null);

/** A copy that could not be read (or a certificate it is compared with): the error as the person sees it. */
export interface Unreadable {
  readonly read: 'failed';
  readonly message: string;
  readonly remedy: string | null;
}

export const unreadable = (error: { message: string; remedy?: string }): Unreadable => ({
  read: 'failed',
  message: error.message,
  remedy: error.remedy ?? null,
});

export const failed = (facts: Unreadable): CheckOutcome => ({
  status: 'fail',
  evidence: [facts.message],
  remedy: facts.remedy ?? 'Give a readable copy of the file.',
});

interface SegIis {
  readonly tree: XmlTree;
  readonly plan: IisPlan;
}

export function loadIis(ctx: CheckContext): Promise<Result<SegIis>> {
  return ctx.memo('seg.iis', async () => {
    const text = await readConfigFile(pathOf(ctx, ctx.settings.seg.iisConfigPath));
    if (!text.ok) return text;
    const tree = parseXmlTree(text.value);
    if (!tree.ok) return tree;
    const plan = buildIisPlan('seg', text.value, ctx.settings, DEFAULT_IIS_OPTIONS);
    return plan.ok ? { ok: true as const, value: { tree: tree.value, plan: plan.value } } : plan;
  });
}

/** A registry export of the keys the checks read is a few MB; far more means a whole hive or a wrong file. */
const MAX_REGISTRY_BYTES = 256 * 1024 * 1024;

export function loadRegistry(ctx: CheckContext): Promise<Result<RegistryExport>> {
  return ctx.memo('seg.registry', async () => {
    const path = pathOf(ctx, ctx.settings.seg.registryExport);
    const size = await fs.stat(path).then(
      (info) => info.size,
      () => undefined,
    );
    if (size === undefined)
      return err('seg.registry-missing', `${path} cannot be read.`, 'Export the keys on the SEG (script seg-collect.cmd) and give the file’s path.');
    if (size > MAX_REGISTRY_BYTES)
      return err(
        'seg.registry-too-large',
        `${path} is ${size} bytes: not an export of the few keys the checks read.`,
        'Export only the keys seg-collect.cmd names.',
      );
    const bytes = await fs.readFile(path).catch(() => undefined);
    return bytes ? parseRegExport(bytes) : err('seg.registry-missing', `${path} cannot be read.`);
  });
}
