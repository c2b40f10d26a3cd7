// Every page the portal serves, for the axe scan and the both-language checks.
export const routes = [
  '/', '/filing', '/self-check', '/guidance', '/sign-in', '/no-such-page',
  '/calculators', '/calculators/iit-annual', '/calculators/iit-business', '/calculators/vat-small-scale',
  '/calculators/cit-prepayment', '/calculators/stamp-duty',
  // A calculator with errors showing (error summary, inline messages).
  '/calculators/iit-annual?additional_deductions.housing_loan_interest=99999&income.wages=abc',
];
