// The saved analysis that brings annotations back after a reload: written whole, read back equal, and a file of
// another report version refused with a message saying what to do.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LAST_REPORT_FILE, readLastReport, ReportFileError, writeLastReport } from '../../extension/report-file';
import { shopReport } from './shop-report';

describe('extension: the saved report (.friction/last-report.json)', function () {
  this.timeout(120_000);
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'friction-report-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads back the report it wrote, leaving no temporary file behind', async () => {
    const report = await shopReport();
    assert.equal(await readLastReport(root), undefined, 'no report yet: nothing, silently');
    const file = await writeLastReport(root, report);
    assert.equal(file, path.join(root, LAST_REPORT_FILE));
    assert.deepEqual(await readLastReport(root), JSON.parse(JSON.stringify(report)));
    assert.deepEqual(readdirSync(path.dirname(file)), ['last-report.json']);
  });

  it('refuses another report version or broken JSON with a message naming the file and the remedy', async () => {
    await writeLastReport(root, { ...(await shopReport()), version: 2 as 1 });
    await assert.rejects(readLastReport(root), (e: Error) => e instanceof ReportFileError && /last-report\.json is not a version 1 report; run Analyze again/.test(e.message));
    writeFileSync(path.join(root, LAST_REPORT_FILE), '{"version": 1, "hotsp');
    await assert.rejects(readLastReport(root), /is not valid JSON .*run Analyze again/);
  });
});
