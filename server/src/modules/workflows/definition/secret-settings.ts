/**
 * HTTP steps often carry credentials (an Authorization header, an `api_key` in the query). An exported file
 * leaves them out, and validation then asks for them again before the imported workflow can be published.
 */

const secretName = /authorization|token|secret|password|passwd|api[-_]?key|apikey|signature|cookie|^key$/i;

export function isSecretName(name: string): boolean {
  return secretName.test(name.trim());
}

/** A value drawn from a variable (`Bearer {{vars.token}}`) holds no secret itself and is kept. */
export function isLiteralSecret(name: string, value: string): boolean {
  return isSecretName(name) && value !== '' && !value.includes('{{');
}

const queryParam = /([?&])([^=&#]*)=([^&#]*)/g;

/** The URL with the values of secret-looking query parameters emptied. */
export function redactUrlSecrets(url: string): string {
  return url.replace(queryParam, (whole, sep: string, name: string, value: string) => (isLiteralSecret(name, value) ? `${sep}${name}=` : whole));
}

/** Names of secret-looking query parameters left empty (as an export leaves them). */
export function emptySecretParams(url: string): string[] {
  return [...url.matchAll(queryParam)].filter(([, , name, value]) => isSecretName(name) && value === '').map(([, , name]) => name);
}
