import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { FailIcon, PassIcon } from '../icons';
import type { PassphraseRule, PassphraseStrength } from './passphrase-rules';

const STRENGTH_COLOUR: Readonly<Record<PassphraseStrength, string>> = { weak: 'error.main', fair: 'warning.main', strong: 'success.main' };

/** The passphrase's rules, each ticked off as it is typed, and a strength word. */
export function PassphraseRulesList({ rules, strength }: { readonly rules: readonly PassphraseRule[]; readonly strength: PassphraseStrength }) {
  return (
    <Box aria-label="Passphrase rules" aria-live="polite" sx={{ mb: 1 }} data-passphrase-rules>
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        Strength:{' '}
        <Box component="strong" sx={{ color: STRENGTH_COLOUR[strength] }} data-passphrase-strength={strength}>
          {strength}
        </Box>
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.25 }}>
        {rules.map((rule) => (
          <Typography
            component="li"
            variant="body2"
            key={rule.id}
            data-rule={rule.id}
            data-met={rule.met}
            sx={{ display: 'flex', gap: 0.75, alignItems: 'center', color: rule.met ? 'success.main' : 'text.secondary' }}
          >
            {rule.met ? <PassIcon fontSize="small" /> : <FailIcon fontSize="small" color="disabled" />}
            <span>
              {rule.text}
              <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                {rule.met ? ': met' : ': not yet'}
              </Box>
            </span>
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
