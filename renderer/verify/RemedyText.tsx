import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Fragment, type ReactNode } from 'react';
import { settingLink, type SettingLink } from './setting-labels';

/** Takes the person to a setting: opens its step or panel and focuses the field. */
export type RemedyLinkHandler = (link: SettingLink) => void;

function FieldLink({ link, onField }: { readonly link: SettingLink; readonly onField: RemedyLinkHandler }) {
  return (
    <Link component="button" type="button" variant="body2" onClick={() => onField(link)} data-setting-link={link.path} sx={{ verticalAlign: 'baseline' }}>
      {link.text}
    </Link>
  );
}

export interface RemedyTextProps {
  readonly remedy: string;
  readonly fields: readonly string[];
  readonly onField: RemedyLinkHandler;
  /** Words before the remedy's own ("Skipped:"). */
  readonly lead?: ReactNode;
}

/**
 * A remedy as the wizard shows it: each setting it names by its path in the settings file
 * (`network.hosts`) becomes the field's label and a link to it; the settings the fix is made in
 * that the words do not name follow as links.
 */
export function RemedyText({ remedy, fields, onField, lead }: RemedyTextProps) {
  const links = fields.map(settingLink).filter((l): l is SettingLink => l !== null);
  const named = links.filter((l) => remedy.includes(l.path));
  const byPath = new Map(named.map((l) => [l.path, l]));
  // Longest path first, so `kcd.domains.0.realm` is not cut at `kcd.domains`; split() puts each match at an odd index.
  const alternatives = [...byPath.keys()].sort((a, b) => b.length - a.length).map((p) => p.replace(/\./g, '\\.'));
  const pieces = alternatives.length === 0 ? [remedy] : remedy.split(new RegExp(`(${alternatives.join('|')})(?![\\w-])`));
  const parts: ReactNode[] = pieces.map((piece, i) => {
    const link = i % 2 === 1 ? byPath.get(piece) : undefined;
    return link ? <FieldLink key={i} link={link} onField={onField} /> : <Fragment key={i}>{piece}</Fragment>;
  });
  const unnamed = links.filter((l) => !named.includes(l));
  return (
    <Typography variant="body2">
      {lead}
      {parts}
      {unnamed.length > 0 && (
        <>
          {' '}
          Change it in:{' '}
          {unnamed.map((l, i) => (
            <Fragment key={l.path}>
              {i > 0 && ', '}
              <FieldLink link={l} onField={onField} />
            </Fragment>
          ))}
          .
        </>
      )}
    </Typography>
  );
}
