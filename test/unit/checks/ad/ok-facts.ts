/** The 'ok' variant of recorded facts, for deriving variants from it; throws when the recording is not one. */
export function okFacts<F extends { readonly read: string }>(facts: F): Extract<F, { readonly read: 'ok' }> {
  if (facts.read !== 'ok') throw new Error(`expected facts read as ok, got ${facts.read}`);
  return facts as Extract<F, { readonly read: 'ok' }>;
}
