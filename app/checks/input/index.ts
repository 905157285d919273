import type { FieldIssue } from '../../contract/field-issue';
import type { Settings } from '../../contract/settings';
import { apiAuth } from './api-auth';
import { apiUrl } from './api-url';
import { apiUser } from './api-user';
import { casArray } from './cas-array';
import { certificates } from './certificates';
import { dcHost } from './dc-host';
import { emailHost } from './email-host';
import { emailPath } from './email-path';
import { emailPort } from './email-port';
import { fieldIssuesOf, type InputCheck } from './input-rule';
import { memConfig } from './mem-config';
import { network } from './network';
import { organizationGroup } from './organization-group';
import { realm } from './realm';
import { serviceAccount } from './service-account';
import { targetSpn } from './target-spn';
import { tenantCode } from './tenant-code';
import { testMailbox } from './test-mailbox';

/** The input.* checks of product.md's catalogue, in catalogue order: one file each. */
export const INPUT_CHECKS: readonly InputCheck<unknown>[] = [
  apiUrl,
  apiUser,
  apiAuth,
  tenantCode,
  organizationGroup,
  memConfig,
  targetSpn,
  serviceAccount,
  dcHost,
  realm,
  emailHost,
  emailPort,
  emailPath,
  casArray,
  testMailbox,
  certificates,
  network,
];

/** Every problem in the settings, field by field, for validation as the person types. */
export function fieldIssues(settings: Settings): FieldIssue[] {
  return fieldIssuesOf(INPUT_CHECKS, settings);
}
