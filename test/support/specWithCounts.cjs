// Mocha's spec reporter, plus the run's counts as JSON in $STASIS_TEST_COUNTS when it is set: the
// `npm test` driver (scripts/test-all.mjs) adds up the counts of every layer from these files
// rather than from console text. A run that crashes before its end writes no file, and the driver
// counts that as a failure.
const fs = require('node:fs');
const Mocha = require('mocha');

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.STASIS_TEST_COUNTS;
      if (file) fs.writeFileSync(file, JSON.stringify({ passed: this.stats.passes, failed: this.stats.failures, pending: this.stats.pending }));
    });
  }
}

module.exports = SpecWithCounts;
