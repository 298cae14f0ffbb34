// A person signed in to the workspace, the way a test needs them: created, their one-time link
// spent on a password, and the cookie and CSRF token their browser would hold.

import type { Role } from '../../src/app/api-keys.js';
import type { AppContext } from '../../src/app/context.js';
import { createUser, redeemSignInLink } from '../../src/app/users/users.js';

export const TEST_PASSWORD = 'a long enough password';

export interface SignedInPerson {
  /** the Cookie header value */
  cookie: string;
  csrf: string;
}

export async function signedInPerson(ctx: AppContext, email: string, role: Role): Promise<SignedInPerson> {
  const { link } = await createUser(ctx, { email, role });
  const signedIn = await redeemSignInLink(ctx, link, TEST_PASSWORD);
  return { cookie: `ecm_session=${signedIn.session}`, csrf: signedIn.csrf };
}
