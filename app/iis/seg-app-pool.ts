import { err, ok, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { containersAt, descend } from './resolve';
import { attributeOf, type XmlTree } from './xml-tree';
import { activeSyncApp, type IisPlanOptions } from './iis-options';

/**
 * The pool the SEG's ActiveSync application runs in, read from <sites> (the installer names
 * it; the guide calls it secureEmailGateway). An explicit option wins.
 */
export function segAppPool(tree: XmlTree, settings: Settings, options: IisPlanOptions): Result<string> {
  if (options.segAppPool !== undefined && options.segAppPool.trim() !== '') return ok(options.segAppPool.trim());
  const site = [{ name: 'system.applicationHost' }, { name: 'sites' }, { name: 'site', key: { attribute: 'name', value: options.siteName } }];
  const [server] = containersAt(tree, '');
  const found = server ? descend(server, site) : undefined;
  const siteElement = found && found.missing.length === 0 ? found.found[found.found.length - 1] : undefined;
  if (!siteElement) {
    return err(
      'iis.site-missing',
      `The site "${options.siteName}" is not in this applicationHost.config.`,
      'Check the copy comes from the SEG server, or give the site name.',
    );
  }
  const path = `/${activeSyncApp(settings)}`.toLowerCase();
  const application = siteElement.children.find((child) => child.name === 'application' && attributeOf(child, 'path')?.value.toLowerCase() === path);
  if (!application) {
    return err(
      'iis.seg-app-missing',
      `The site "${options.siteName}" has no application ${path}; the SEG does not seem to be installed.`,
      'Install the SEG first (guide: Install SEG), then copy applicationHost.config again.',
    );
  }
  const pool =
    attributeOf(application, 'applicationPool')?.value ??
    siteElement.children.find((child) => child.name === 'applicationDefaults')?.attributes.find((a) => a.name === 'applicationPool')?.value;
  if (pool === undefined || pool === '')
    return err('iis.seg-pool-missing', `The application ${path} names no application pool.`, 'Assign the SEG application to its pool in IIS Manager.');
  return ok(pool);
}
