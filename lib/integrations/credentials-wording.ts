/** The one description of what Patchbay shows of a stored secret, true to the hint it displays. */
export const CREDENTIALS_WORDING =
  "Stored encrypted and never shown again: Patchbay shows a hint only (•••• and, for secrets of 12 characters or more, the last four). To change a secret, replace it.";
