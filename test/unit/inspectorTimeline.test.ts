import assert from 'node:assert/strict';
import { Timeline } from '../../src/inspector/Timeline';

interface Row {
  kind: 'event' | 'exchange';
  at: number;
  name: string;
}
const e = (at: number, name = `e${at}`): Row => ({ kind: 'event', at, name });
const x = (at: number, name = `x${at}`): Row => ({ kind: 'exchange', at, name });
const names = (list: readonly Row[]) => list.map((r) => r.name);

describe('inspector timeline', () => {
  it('keeps rows in time order: an exchange logged when its answer came goes back to when its request left', () => {
    const t = new Timeline<Row>(() => true);
    t.add([e(1), e(3), e(4)], 10);
    t.add([x(2)], 10);
    assert.deepEqual(names(t.all), ['e1', 'x2', 'e3', 'e4']);
    t.add([x(3, 'x3')], 10);
    assert.deepEqual(names(t.all), ['e1', 'x2', 'e3', 'x3', 'e4'], 'after the rows of the same instant: they came first');
  });

  it('shows what the filter keeps, in the same order, as rows come and when it changes', () => {
    const t = new Timeline<Row>((r) => r.kind === 'exchange');
    t.add([e(1), x(5), e(6)], 10);
    t.add([x(2), e(3)], 10);
    assert.deepEqual(names(t.shown), ['x2', 'x5']);
    t.refilter((r) => r.at > 2, false);
    assert.deepEqual(names(t.shown), ['e3', 'x5', 'e6']);
    t.refilter((r) => r.kind === 'event', true);
    assert.deepEqual(names(t.shown), ['e3', 'e6'], 'narrower: only the rows shown are tested');
  });

  it('keeps the newest `capacity` rows of each kind: many events do not push the exchanges out', () => {
    const t = new Timeline<Row>((r) => r.at !== 4);
    t.add([x(1), e(2), e(3), x(4), e(5)], 2);
    assert.deepEqual(names(t.all), ['x1', 'e3', 'x4', 'e5']);
    t.add([e(6), x(7)], 2);
    assert.deepEqual(names(t.all), ['x4', 'e5', 'e6', 'x7']);
    assert.deepEqual(names(t.shown), ['e5', 'e6', 'x7'], 'rows let go leave what is shown too');
    assert.deepEqual([t.countOf('event'), t.countOf('exchange')], [2, 2]);
  });

  it('lets go of an old exchange between newer events, and only of it', () => {
    const t = new Timeline<Row>(() => true);
    t.add([x(1), e(2), x(3), e(4), x(5)], 2);
    assert.deepEqual(names(t.all), ['e2', 'x3', 'e4', 'x5']);
  });

  it('takes 200,000 rows at once, letting half of them go', () => {
    const t = new Timeline<Row>((r) => r.at % 2 === 0);
    const batch = Array.from({ length: 200_000 }, (_, i) => e(i));
    t.add(batch, 100_000);
    assert.equal(t.all.length, 100_000);
    assert.equal(t.all[0].at, 100_000);
    assert.equal(t.shown.length, 50_000);
  });

  it('starts again empty when cleared', () => {
    const t = new Timeline<Row>(() => true);
    t.add([e(1), x(2)], 5);
    t.clear();
    assert.deepEqual([t.all.length, t.shown.length, t.countOf('event'), t.countOf('exchange')], [0, 0, 0, 0]);
  });
});
