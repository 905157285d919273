import { COMMAND_SHELL_LABEL, fieldsNotNamed, type CheckResult, type CheckStatus } from '../contract/check-result';
import { familyOf } from '../contract/check-ids';
import { familyTitle } from '../checks/family-title';
import type { VerifyReport } from '../contract/verify-report';
import { APP_ICON_SVG } from './app-icon-svg';
import { chainDiagram, type ChainCertificate } from './chain-diagram';
import { deploymentDiagram } from './deployment-diagram';
import { CATALOGUE } from '../checks/catalogue';
import { notApplicableIds } from '../checks/not-applicable';
import { escapeHtml } from './html-escape';
import { STATUS_COLOUR } from './status-rollup';
import { UNPROVEN_ADVICE, verdictHeadline, verdictOf, verdictTone } from './verdict';

export interface HtmlReportInput {
  readonly report: VerifyReport;
  /** Root first, device last. */
  readonly chain: readonly ChainCertificate[];
}

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #263238; margin: 0; background: #f5f7f9; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; display: flex; align-items: center; gap: 10px; } h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #cfd8dc; padding-bottom: 4px; }
.muted { color: #607d8b; }
.verdict { border-radius: 8px; padding: 16px 20px; margin: 16px 0; color: #fff; }
.verdict h2 { border: 0; margin: 0; color: #fff; font-size: 19px; }
.counts span { display: inline-block; margin-right: 16px; }
.card { background: #fff; border: 1px solid #cfd8dc; border-radius: 8px; padding: 12px 16px; margin: 8px 0; }
details.check { background: #fff; border: 1px solid #cfd8dc; border-left-width: 6px; border-radius: 6px; margin: 6px 0; padding: 6px 12px; }
details.check summary { cursor: pointer; list-style: none; display: flex; gap: 12px; align-items: baseline; }
.badge { font-weight: 700; font-size: 12px; min-width: 40px; }
.id { font-family: ui-monospace, Consolas, monospace; font-size: 12px; color: #455a64; }
.time { margin-left: auto; color: #78909c; font-size: 12px; }
pre { background: #263238; color: #eceff1; padding: 10px 12px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
ul.evidence { margin: 6px 0; padding-left: 20px; font-family: ui-monospace, Consolas, monospace; font-size: 12px; word-break: break-all; }
svg { width: 100%; height: auto; background: #fff; border: 1px solid #cfd8dc; border-radius: 8px; }
.chain { background: #fff; border: 1px solid #cfd8dc; border-radius: 8px; padding: 12px 16px; }
.cert-line { display: flex; gap: 16px; align-items: stretch; }
.cert { border: 1.5px solid #37474f; border-radius: 8px; padding: 8px 12px; width: 55%; }
.cert .role { text-transform: uppercase; font-size: 11px; letter-spacing: .06em; color: #607d8b; }
.cert .subject { font-weight: 600; word-break: break-all; }
.fp { font-family: ui-monospace, Consolas, monospace; font-size: 10px; color: #78909c; word-break: break-all; }
.crls { flex: 1; display: flex; flex-direction: column; gap: 6px; justify-content: center; }
.crl { border: 1.5px solid #b0bec5; border-radius: 6px; padding: 4px 8px; font-size: 12px; word-break: break-all; }
.crl span { white-space: nowrap; word-break: normal; }
.arrow { color: #78909c; margin: 4px 0 4px 24px; font-size: 12px; }
table.settings td { padding: 2px 12px 2px 0; vertical-align: top; } table.settings td:first-child { color: #607d8b; white-space: nowrap; }
@media print { body { background: #fff; } main { max-width: none; padding: 0; } details.check { break-inside: avoid; } .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

function checkBlock(c: CheckResult): string {
  const fields = fieldsNotNamed(c);
  const open = c.status === 'fail' || c.status === 'warn' ? ' open' : '';
  const body = [
    c.reason ? `<p><b>Skipped:</b> ${escapeHtml(c.reason)}</p>` : '',
    c.evidence.length > 0 ? `<div><b>Observed</b><ul class="evidence">${c.evidence.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>` : '',
    c.remedy ? `<p><b>Fix:</b> ${escapeHtml(c.remedy)}</p>` : '',
    fields.length > 0 ? `<p><b>Settings:</b> ${fields.map((f) => `<code>${escapeHtml(f)}</code>`).join(', ')}</p>` : '',
    c.command ? `<div><b>Command (${COMMAND_SHELL_LABEL[c.commandShell ?? 'powershell']})</b><pre>${escapeHtml(c.command)}</pre></div>` : '',
  ].join('');
  return `<details class="check" id="${escapeHtml(c.id)}" style="border-left-color:${STATUS_COLOUR[c.status]}"${open}>
<summary><span class="badge" style="color:${STATUS_COLOUR[c.status]}">${c.status.toUpperCase()}</span><span>${escapeHtml(c.title)}</span><span class="id">${escapeHtml(c.id)}</span><span class="time">${c.durationMs} ms</span></summary>
${body}</details>`;
}

/** The port the SEG reaches the UEM API on: the URL's own, else its scheme's (443 for https). */
function apiPort(apiUrl: string): string {
  try {
    const url = new URL(apiUrl);
    return url.port !== '' ? url.port : url.protocol === 'http:' ? '80' : '443';
  } catch {
    return '443';
  }
}

function verdictBlock(report: VerifyReport): string {
  const v = verdictOf(report.checks);
  const colour = STATUS_COLOUR[verdictTone(v)];
  const list = (items: readonly CheckResult[], label: string) =>
    items.length === 0
      ? ''
      : `<p><b>${label}:</b> ${items.map((c) => `<a style="color:#fff" href="#${escapeHtml(c.id)}">${escapeHtml(c.title)}</a>`).join(' · ')}</p>`;
  const detail =
    v.kind === 'blocked'
      ? list(v.failing, 'Blocking')
      : v.kind === 'ready'
        ? list(v.warnings, 'Warnings')
        : `<p>${escapeHtml(`${v.why} ${UNPROVEN_ADVICE}`)}</p>`;
  const counts = (['pass', 'warn', 'fail', 'skip'] as CheckStatus[]).map((s) => `<span>${report.summary[s]} ${s}</span>`).join('');
  return `<section class="verdict" style="background:${colour}"><h2>${escapeHtml(verdictHeadline(v))}</h2>${detail}<div class="counts">${counts}</div></section>`;
}

function settingsTable(report: VerifyReport): string {
  const s = report.settings;
  const rows: Array<[string, string]> = [
    ['Target SPN', s.kcd.targetSpn],
    ['Service account', s.kcd.serviceAccount],
    ['Domains', s.kcd.domains.map((d) => `${d.realm} (DC ${d.dcHost})`).join(', ')],
    ['Email server', `${s.email.host}:${s.email.port}${s.email.path}${s.email.tls ? ' (TLS)' : ' (no TLS)'}`],
    ['CAS array', s.email.casArray.enabled ? s.email.casArray.fqdn : 'not used'],
    ['UEM API', s.uem.apiUrl === '' ? 'offline (not used)' : `${s.uem.apiUrl}${s.uem.ignoreTlsErrors ? ' — TLS ERRORS IGNORED for this API' : ''}`],
    ['Organization group', `${s.organizationGroup.name} ${s.organizationGroup.id ? `(${s.organizationGroup.id})` : ''}`],
    ['MEM configuration', s.organizationGroup.memConfigName],
  ];
  return `<table class="settings">${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

/**
 * One self-contained HTML page: no script, no external resource (the CSP forbids both), so it
 * opens offline, can be mailed, and prints. Every value from a server or a person is escaped.
 */
export function renderHtmlReport({ report, chain }: HtmlReportInput): string {
  const s = report.settings;
  const realm = s.kcd.domains[0]?.realm.toLowerCase() ?? '';
  const dc = s.kcd.domains.map((d) => `${d.dcHost}.${d.realm.toLowerCase()}`).join(', ');
  const cdpHost =
    chain
      .flatMap((c) => c.summary.cdp)
      .map((u) => {
        try {
          return new URL(u).host;
        } catch {
          return u;
        }
      })[0] ?? '';
  const apiHost = s.uem.apiUrl === '' ? 'offline' : s.uem.apiUrl.replace(/^https?:\/\//, '');
  const families = [...new Set(report.checks.map((c) => familyOf(c.id)))];
  const inapplicable = notApplicableIds(s, CATALOGUE);
  const applying = report.checks.filter((c) => !(c.status === 'skip' && inapplicable.has(c.id)));
  const tlsWarning = s.uem.ignoreTlsErrors
    ? '<p class="card" style="border-color:#b26a00"><b>TLS errors are ignored for the UEM API.</b> This is insecure; it applies to that API only.</p>'
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SEG KCD verify report — ${escapeHtml(realm || 'site')}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>${APP_ICON_SVG}SEG KCD verify report</h1>
<div class="muted">Run ${escapeHtml(report.startedAt)} · SEG KCD Setup ${escapeHtml(report.version)}</div>
${verdictBlock(report)}
${tlsWarning}
<h2>Deployment</h2>
${deploymentDiagram(applying, { seg: 'Secure Email Gateway', dc, exchange: `${s.email.host}:${s.email.port}`, api: apiHost, cdp: cdpHost, apiPort: apiPort(s.uem.apiUrl) })}
<h2>Certificate chain and CRLs</h2>
${chainDiagram(chain, report.checks)}
<h2>Settings</h2>
<div class="card">${settingsTable(report)}</div>
${families
  .map(
    (f) =>
      `<h2>${escapeHtml(familyTitle(f))}</h2>\n${report.checks
        .filter((c) => familyOf(c.id) === f)
        .map(checkBlock)
        .join('\n')}`,
  )
  .join('\n')}
</main></body></html>
`;
}
