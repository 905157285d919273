import { extname } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { writeFileAtomic } from '../config/settings-store';
import type { VerifyReport } from '../contract/verify-report';

export type ReportFormat = 'html' | 'json';

/** The format a report path asks for, by its extension; checked before a run, not after it. */
export function reportFormatOf(path: string): Result<ReportFormat> {
  const kind = extname(path).toLowerCase();
  if (kind === '.html' || kind === '.htm') return ok('html');
  if (kind === '.json') return ok('json');
  return err('report.unknown-format', `Cannot tell the report format from "${path}"`, 'Name the report file .html (for people) or .json (for scripts).');
}

/**
 * The HTML page, loaded only when asked for: it names every check of the catalogue, so a
 * static import would load all nine families (and LDAP, the UEM client, the IIS parser) into
 * every `verify` process, `--only` or not.
 */
async function htmlOf(report: VerifyReport, baseDir: string): Promise<string> {
  const [{ renderHtmlReport }, { reportChain }] = await Promise.all([import('./html-report'), import('./report-chain')]);
  return renderHtmlReport({ report, chain: await reportChain(report.settings, baseDir) });
}

/** Saves a report as HTML or JSON, by the file's extension. */
export async function saveReport(path: string, report: VerifyReport, baseDir: string): Promise<Result<string>> {
  const format = reportFormatOf(path);
  if (!format.ok) return format;
  const content = format.value === 'html' ? await htmlOf(report, baseDir) : `${JSON.stringify(report, null, 2)}\n`;
  try {
    await writeFileAtomic(path, content, 0o644);
  } catch (error) {
    return err('report.write-failed', `Cannot write ${path}: ${(error as Error).message}`, 'Check that the folder exists and is writable.');
  }
  return ok(path);
}
