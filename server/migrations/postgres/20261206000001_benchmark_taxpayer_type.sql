-- A benchmark is measured on general (一般纳税人) or small-scale (小规模纳税人) taxpayers, or on
-- any (NULL): a VAT burden is compared only with benchmarks of the business's own type. The
-- seeded indicative industry VAT-burden table (found by its source, edited or not) is of general
-- taxpayers.
ALTER TABLE benchmarks ADD COLUMN taxpayer_type TEXT;
UPDATE benchmarks SET taxpayer_type = 'general'
WHERE indicator = 'vat_burden' AND source LIKE '行业增值税平均税负率参考表%';
