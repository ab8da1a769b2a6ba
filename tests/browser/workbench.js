// Drives the polsearch workbench at the URL given (a server on the demo corpus) in Chromium
// and checks what a user sees: hits with marked words, a facet that filters, a clause in
// its document, a policy's versions and what changed (all, and those in a date span), the
// retention table per company, the counts per company and topic or year.
// Exits 1 naming the first failure.
// Run by tests/cli/serve.rs; needs `npm ci` here and Chromium (CHROMIUM or /usr/bin/chromium).
const { chromium } = require('playwright-core');

const base = process.argv[2];
const check = (ok, what) => { if (!ok) throw new Error(what); };

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(base + '/?q=server+logs');
    await page.waitForSelector('.hit');
    check((await page.textContent('#about')).includes('documents'), 'the index summary is shown');
    const marks = await page.$$eval('.hit mark', ms => ms.map(m => m.textContent.toLowerCase()));
    check(marks.includes('server') && marks.includes('logs'), 'matching words are marked: ' + marks);
    const before = await page.$$eval('.hit', hs => hs.length);
    // A company facet filters the hits to that company.
    await page.click('aside >> text=Fjord Mail');
    await page.waitForFunction(() => document.querySelector('aside button.on'));
    await page.waitForFunction(() => [...document.querySelectorAll('.hit .meta b')].every(b => b.textContent === 'Fjord Mail'));
    const after = await page.$$eval('.hit', hs => hs.length);
    check(after > 0 && after < before, `the facet filters (${before} -> ${after})`);
    check(page.url().includes('company=Fjord+Mail'), 'the URL keeps the search: ' + page.url());
    // The clause in its document.
    await page.click('.hit >> nth=0 >> text=in the document');
    await page.waitForSelector('.context .here');
    const here = await page.textContent('.context .here');
    const text = await page.textContent('.hit >> nth=0 >> .text');
    check(here === text, `the document shows the clause (${here} / ${text})`);
    // Its policy's versions, and what the last one changed.
    await page.click('.hit >> nth=0 >> text=versions');
    await page.waitForSelector('.versions tr');
    const rows = await page.$$eval('.versions tr', rs => rs.length);
    check(rows >= 2, 'several versions listed');
    const changed = await page.$$('.versions >> text=what changed');
    await changed[changed.length - 1].click();
    await page.waitForSelector('.change');
    const kinds = await page.$$eval('.change .what', ws => ws.map(w => w.textContent.split(' ')[0]));
    check(kinds.length > 0, 'changes listed');
    // Export links carry the search.
    const csv = await page.getAttribute('#summary a >> nth=0', 'href');
    check(csv.includes('/api/export') && csv.includes('format=csv') && csv.includes('company=Fjord+Mail'), 'export link: ' + csv);
    // A date span in the form: the versions dated in it, the first of them still compared
    // with the version before it.
    await page.goto(base + '/?q=server+logs&company=Fjord+Mail&since=2023');
    await page.waitForSelector('.hit');
    check(await page.inputValue('input[name=since]') === '2023', 'the span is kept in the form');
    const one = await page.textContent('#summary');
    check(one.startsWith('1 clause ·'), 'one clause, said as the CLI says it: ' + one);
    await page.click('.hit >> nth=0 >> text=versions');
    await page.waitForSelector('.versions tr');
    const spanned = await page.$$eval('.versions tr td:first-child', ds => ds.map(d => d.textContent));
    check(spanned.length === 2 && spanned.every(d => d >= '2023'), 'versions dated from 2023: ' + spanned);
    check((await page.textContent('.versions .what')).includes('dated 2023'), 'the span is said');
    const spanChanged = await page.$$('.versions >> text=what changed');
    check(spanChanged.length === 2, 'the first version in the span compared with the one before: ' + spanChanged.length);
    await spanChanged[0].click();
    await page.waitForSelector('.versions .change');
    check((await page.textContent('.versions')).includes('24 months'), 'what the 2023 version changed (12 -> 24 months)');
    // With a topic in the form, what changed on it, and all changes a click away.
    await page.goto(base + '/?q=server+logs&company=Fjord+Mail&since=2023&topic=data-retention');
    await page.waitForSelector('.hit');
    await page.click('.hit >> nth=0 >> text=versions');
    await page.waitForSelector('.versions tr');
    await (await page.$$('.versions >> text=what changed'))[0].click();
    await page.waitForSelector('.versions .change');
    const onTopic = await page.$$eval('.versions .change', cs => cs.length);
    const said = await page.textContent('.versions .what >> nth=1');
    check(said.includes('on data-retention') && said.includes('other changes left out'), 'the topic is said: ' + said);
    await page.click('.versions >> text=all changes');
    await page.waitForFunction(n => document.querySelectorAll('.versions .change').length > n, onTopic);
    check(!(await page.textContent('.versions .what >> nth=1')).includes('left out'), 'all changes shown');
    // Document order: chosen in the form, said in the summary, kept in the URL; the hits of
    // a file in the order it says them; the other views take the same form.
    await page.goto(base + '/?q=retention&company=Acme+Analytics');
    await page.waitForSelector('.hit');
    check(!(await page.textContent('#summary')).includes('document order'), 'a query is ranked');
    await page.selectOption('select[name=rank]', 'document');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#summary').textContent.includes('in document order'));
    check(page.url().includes('rank=document'), 'the URL keeps the order: ' + page.url());
    const places = await page.$$eval('.hit .meta', ms => ms.map(m => m.textContent.split(' · ')
      .find(p => /:\d+$/.test(p))).map(p => [p.replace(/:\d+$/, ''), Number(p.match(/:(\d+)$/)[1])]));
    check(places.length > 2 && places.every((p, i) => i === 0 || p[0] > places[i - 1][0]
      || (p[0] === places[i - 1][0] && p[1] >= places[i - 1][1])), 'hits in document order: ' + JSON.stringify(places));
    await page.click('#views >> text=counts');
    await page.waitForSelector('table.counts td');
    await page.click('#views >> text=clauses');
    await page.waitForSelector('.hit');
    // The retention view: a line per company, the longest first; a company's statements
    // with their periods marked; the view kept in the URL.
    await page.goto(base + '/?view=retention&retention_min=1y');
    await page.waitForSelector('table.retention td');
    const companies = await page.$$eval('table.retention button.company', bs => bs.map(b => b.textContent));
    check(companies.length >= 2, 'companies listed: ' + companies);
    const longest = await page.$$eval('table.retention tr', rs => rs.slice(1)
      .map(r => (r.children[1].textContent.match(/\((\d+) d\)/) || [0, 0])[1] * 1));
    check(longest.every((d, i) => i === 0 || d <= longest[i - 1]), 'longest first: ' + longest);
    // The table as a spreadsheet: a CSV line per company shown, with the view's filters.
    const tableCsv = await page.getAttribute('a.retention-csv >> nth=0', 'href');
    check(tableCsv.includes('format=csv') && tableCsv.includes('by=companies') && tableCsv.includes('retention_min=1y'), 'table link: ' + tableCsv);
    const csvText = await page.evaluate(async href => (await fetch(href)).text(), tableCsv);
    const csvLines = csvText.trim().split('\n');
    check(csvLines[0].startsWith('company,longest_days') && csvLines.length === companies.length + 1, 'table CSV: ' + csvLines.length + ' lines for ' + companies.length + ' companies');
    await page.click('table.retention button.company >> nth=0');
    await page.waitForFunction(n => document.querySelectorAll('table.retention button.company').length === 1, companies.length);
    check(page.url().includes('view=retention') && page.url().includes('company='), 'the URL keeps the view: ' + page.url());
    const periods = await page.$$eval('.statement mark', ms => ms.map(m => m.textContent));
    check(periods.length > 0, 'periods marked');
    await page.click('.statement >> nth=0 >> text=in the document');
    await page.waitForSelector('.context .here');
    check(periods.includes(await page.textContent('.context .here')), 'the document shows the period');
    await page.click('#views >> text=clauses');
    await page.waitForSelector('.hit .tags');
    check(!page.url().includes('view='), 'back to clauses: ' + page.url());
    // The counts view: clauses per company and topic, the unit and dimensions chosen in
    // the view, a company that filters when clicked, the table as CSV.
    await page.goto(base + '/?view=counts&rows=company&columns=topic');
    await page.waitForSelector('table.counts td');
    const heads = await page.$$eval('table.counts th', hs => hs.map(h => h.textContent));
    check(heads[0] === 'company' && heads[1] === 'clauses' && heads.includes('data-retention'), 'count columns: ' + heads);
    const countRows = await page.$$eval('table.counts tr', rs => rs.length - 1);
    check(countRows === 6, 'a row per demo company: ' + countRows);
    await page.selectOption('select[aria-label=columns]', 'year');
    await page.selectOption('select[aria-label=count]', 'documents');
    // (Each choice runs a count: wait for the table of both, years counting documents.)
    await page.waitForFunction(() => {
      const hs = [...document.querySelectorAll('table.counts th')].map(h => h.textContent);
      return hs[1] === 'documents' && hs.includes('2025');
    });
    check(page.url().includes('columns=year') && page.url().includes('count=documents'), 'the URL keeps the table: ' + page.url());
    const fjord = await page.$$eval('table.counts tr', rs => rs.map(r => [...r.children].map(c => c.textContent))
      .find(r => r[0] === 'Fjord Mail'));
    check(fjord && fjord[1] === '4', 'Fjord Mail: 4 documents, one a year: ' + fjord);
    const countCsv = await page.getAttribute('a.count-csv', 'href');
    const countLines = (await page.evaluate(async href => (await fetch(href)).text(), countCsv)).trim().split('\n');
    check(countLines[0].startsWith('company,documents,') && countLines.length === countRows + 1, 'count CSV: ' + countLines.length + ' lines');
    await page.click('table.counts button >> text=Fjord Mail');
    await page.waitForFunction(() => document.querySelectorAll('table.counts tr').length === 2);
    check(page.url().includes('company=Fjord+Mail') && page.url().includes('view=counts'), 'the company filters: ' + page.url());
    // A bad filter is shown, not thrown.
    await page.fill('input[name=retention_min]', 'forever');
    await page.click('button[type=submit]');
    await page.waitForSelector('#summary .error');
    check(errors.length === 0, 'no script errors: ' + errors.join('; '));
    console.log(`ok: ${before} hits, ${after} for Fjord Mail, ${rows} versions, ${kinds.length} changes, ${companies.length} companies keeping data a year or more`);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error('workbench: ' + e.message); process.exit(1); });
