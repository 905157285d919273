import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Fragment, type ReactNode } from 'react';
import { splitAtSettings, type SettingLink } from './setting-labels';

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
  const { pieces, unnamed } = splitAtSettings(remedy, fields);
  return (
    <Typography variant="body2">
      {lead}
      {pieces.map((p, i) => (typeof p === 'string' ? <Fragment key={i}>{p}</Fragment> : <FieldLink key={i} link={p} onField={onField} />))}
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
