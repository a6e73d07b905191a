/**
 * Whether a person is in a group, asked by the bot itself (app-only: `User.Read.All` and
 * `GroupMember.Read.All` application permissions), so the answer needs no sign-in of that person.
 * Errors are AppError graph.* / auth.*.
 */
export interface GroupMembership {
  isUserMemberOf(groupId: string, userOid: string): Promise<boolean>;
}
