import type { Requirement } from '../graph-auth';

/** Any one of these permissions, as the Graph reference lists them. */
const any = (...names: string[]): string[][] => names.map((n) => [n]);

export const READ_SERVICE_PRINCIPALS: Requirement = {
  delegated: any('Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'),
  application: any('Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All'),
};

/** `GET /organization`: User.Read is enough, but then only id, displayName and verifiedDomains are filled. */
export const READ_ORGANIZATION: Requirement = {
  delegated: any('User.Read', 'Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'),
  application: any('Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'),
};

export const READ_ORGANIZATION_FULLY: Requirement = {
  delegated: any('Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'),
  application: READ_ORGANIZATION.application,
};

export const READ_GROUPS: Requirement = {
  delegated: any('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'),
  application: any('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'),
};

export const READ_CONFIGURATION: Requirement = {
  delegated: any('DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'),
  application: any('DeviceManagementConfiguration.Read.All', 'DeviceManagementConfiguration.ReadWrite.All'),
};

export const WRITE_CONFIGURATION: Requirement = {
  delegated: any('DeviceManagementConfiguration.ReadWrite.All'),
  application: any('DeviceManagementConfiguration.ReadWrite.All'),
};
