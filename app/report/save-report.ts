import { extname } from 'node:path';
import { err, ok, type Result } from '../contract/result';
import { writeFileAtomic } from '../config/settings-store';
import { renderHtmlReport } from './html-report';
import type { VerifyReport } from '../contract/verify-report';
import { reportChain } from './report-chain';

export type ReportFormat = 'html' | 'json';

/** The format a report path asks for, by its extension; checked before a run, not after it. */
export function reportFormatOf(path: string): Result<ReportFormat> {
  const kind = extname(path).toLowerCase();
  if (kind === '.html' || kind === '.htm') return ok('html');
  if (kind === '.json') return ok('json');
  return err('report.unknown-format', `Cannot tell the report format from "${path}"`, 'Name the report file .html (for people) or .json (for scripts).');
}

/** Saves a report as HTML or JSON, by the file's extension. */
export async function saveReport(path: string, report: VerifyReport, baseDir: string): Promise<Result<string>> {
  const format = reportFormatOf(path);
  if (!format.ok) return format;
  const content =
    format.value === 'html' ? renderHtmlReport({ report, chain: await reportChain(report.settings, baseDir) }) : `${JSON.stringify(report, null, 2)}\n`;
  try {
    await writeFileAtomic(path, content, 0o644);
  } catch (error) {
    return err('report.write-failed', `Cannot write ${path}: ${(error as Error).message}`, 'Check that the folder exists and is writable.');
  }
  return ok(path);
}
