// Every page the portal serves, for the axe scan and the both-language checks.
export const routes = ['/', '/filing', '/self-check', '/guidance', '/calculators', '/sign-in', '/no-such-page'];
