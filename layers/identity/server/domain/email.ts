/** Emails compare without regard to case (the database enforces it with a unique index on lower(email)). */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()
