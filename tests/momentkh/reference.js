// What @thyrith/momentkh says, as JSON on stdout, for the question read as JSON on stdin:
// {"dates": ["YYYY-MM-DD", ...], "newYears": [first year, last year]} gives the Khmer
// lunar date of each date ([date, day index 0-29, month index as momentkh numbers
// months]) and the first day of Khmer New Year of each year. Used by
// tests/test_calendars.py only, never by the build.
const path = require('path');
const modules = process.env.MOMENTKH_MODULES;
const moment = require(path.join(modules, 'moment'));
require(path.join(modules, '@thyrith/momentkh'))(moment);

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const question = JSON.parse(input);
  const dates = question.dates.map((text) => {
    const day = moment(text, 'YYYY-MM-DD');
    return [text, day.khDay(), day.khMonth()];
  });
  const newYears = [];
  for (let year = question.newYears[0]; year <= question.newYears[1]; year++) {
    newYears.push([year, moment.getKhNewYearMoment(year).format('YYYY-MM-DD')]);
  }
  process.stdout.write(JSON.stringify({ dates, newYears }));
});
