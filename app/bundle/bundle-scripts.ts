import type { Settings } from '../contract/settings';
import { generateScripts } from '../configure/generate-scripts';
import type { BundleScript } from './format';

/** The scripts a bundle carries: every one the settings can generate, as the Configure step makes them. */
export async function scriptsForBundle(settings: Settings, baseDir: string): Promise<BundleScript[]> {
  const set = await generateScripts({ settings, baseDir });
  return set.scripts.map((s) => ({ name: s.fileName, content: s.content, encoding: s.encoding }));
}
