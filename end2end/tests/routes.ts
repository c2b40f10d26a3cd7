// Every page the portal serves, for the axe scan and the both-language checks.
export const routes = [
  '/', '/filing', '/filings', '/self-check', '/guidance', '/sign-in', '/register', '/no-such-page',
  // Forms with problems reported by the server (no JavaScript needed to show them).
  '/sign-in?errors=%3Ainvalid_credentials%3A&id=91350100M000100Y43',
  '/register?errors=taxpayer_id%3Abad_check_character%3A%2Cpassword%3Apassword_too_short%3A10&id=x',
  '/calculators', '/calculators/iit-annual', '/calculators/iit-business', '/calculators/vat-small-scale',
  '/calculators/cit-prepayment', '/calculators/stamp-duty',
  // A calculator with errors showing (error summary, inline messages).
  '/calculators/iit-annual?additional_deductions.housing_loan_interest=99999&income.wages=abc',
  // Guidance: browse, search results with highlights, an article; questions and the staff sign-in.
  '/guidance?kind=faq', '/guidance?q=%E5%B0%8F%E8%A7%84%E6%A8%A1%E7%BA%B3%E7%A8%8E%E4%BA%BA', '/guidance?q=renting&tax_type=iit',
  '/guidance/vat-threshold-2026', '/guidance/iit-housing-rent', '/consultations', '/staff', '/account/security',
  '/staff?errors=%3Ainvalid_staff_credentials%3A&username=someone',
  // Self-check with results and a chart.
  '/self-check?industry=C34&current.revenue=10000000&current.vat_payable=180000&current.total_profit=1000000&current.cit_payable=50000',
];
