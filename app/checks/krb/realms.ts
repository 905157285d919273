import type { Settings } from '../../contract/settings';

export function homeRealm(settings: Settings): string {
  return (settings.kcd.domains[0]?.realm ?? '').trim().toUpperCase();
}

/** The realm of the user: the KCD domain whose DNS name is the UPN's suffix, else the home realm. */
export function userRealm(settings: Settings, upn: string): string {
  const suffix = upn.slice(upn.lastIndexOf('@') + 1).toUpperCase();
  return (
    settings.kcd.domains
      .find((d) => d.realm.trim().toUpperCase() === suffix)
      ?.realm.trim()
      .toUpperCase() ?? homeRealm(settings)
  );
}
