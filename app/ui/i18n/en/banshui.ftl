## Banshui 办税 — English

service-name = Banshui 办税
skip-to-content = Skip to main content
nav-label = Main navigation
nav-menu = Menu
nav-filing = File a return
nav-self-check = Self-check
nav-guidance = Guidance & questions
nav-calculators = Calculators
nav-sign-in = Sign in
language-switch-label = Choose a language

footer-scope = This service does not verify real-name identity, take bank payments or issue e-invoices; your receipt states the tax due, the payment deadline and a payment reference.
footer-licence = Banshui is open-source software, released under the Apache-2.0 licence.

home-title = Your taxes, explained
home-lead = File individual income tax, VAT, corporate income tax and stamp duty online; self-check risk indicators before you file; read guidance and ask the tax office. Every figure shows how it was computed and its legal basis.
home-scope-title = What is available
home-scope-body = The services below are opening one by one. A service that is not open yet says so on its page.

section-filing-title = File a return
section-filing-summary = Answer one question at a time: the annual individual income tax reconciliation, business income, small-scale VAT with surcharges, quarterly corporate income tax prepayment and stamp duty.
section-self-check-title = Self-check before filing
section-self-check-summary = Compare your figures with industry benchmarks and find what a tax office's risk analysis might ask about, before you file.
section-guidance-title = Guidance and questions
section-guidance-summary = Policy interpretations, filing guides, frequently asked questions and notices; you can also ask the tax office a question.
section-calculators-title = Tax calculators
section-calculators-summary = No sign-in needed: type your figures and see the tax and the basis of every step.
section-sign-in-title = Sign in
section-sign-in-summary = Sign in with a unified social credit code or a resident identity card number to save drafts, file returns and see your receipts.
section-not-yet-available = This service is not open yet. It will be available on this page.
back-to-home = Back to the home page

not-found-title = Page not found
not-found-body = If you typed the web address, check it is correct.
not-found-home-link = Go to the home page

error-title = Sorry, there is a problem with the service
error-body = Please try again later. Anything you have saved is safe.
