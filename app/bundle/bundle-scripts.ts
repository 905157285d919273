import type { Settings } from '../contract/settings';
import { generateScripts, type ScriptSet } from '../configure/generate-scripts';
import type { BundleScript } from './format';

/** A generated set as the bundle names its scripts. */
export function bundleScriptsOf(set: ScriptSet): BundleScript[] {
  return set.scripts.map((s) => ({ name: s.fileName, content: s.content, encoding: s.encoding }));
}

/** The scripts a bundle carries: every one the settings can generate, as the Configure step makes them. */
export async function scriptsForBundle(settings: Settings, baseDir: string): Promise<BundleScript[]> {
  return bundleScriptsOf(await generateScripts({ settings, baseDir }));
}
