import { CpuMeter, databaseServerPid, processCpuMs } from './bench-support';

/** The benches' CPU figures (Linux /proc), which explain their throughput ceilings. */
describe('processCpuMs and CpuMeter', () => {
  const spin = (ms: number) => {
    const end = Date.now() + ms;
    let x = 0;
    while (Date.now() < end) x += Math.sqrt(x + 1);
    return x;
  };

  it('reads a live process and grows with its work; a missing process is null', () => {
    const before = processCpuMs(process.pid);
    expect(before).not.toBeNull();
    spin(150);
    expect(processCpuMs(process.pid)!).toBeGreaterThan(before!);
    expect(processCpuMs(2 ** 30)).toBeNull();
  });

  it('charges each role its own processes, this one as self, and marks an unreadable role null', () => {
    const meter = new CpuMeter({ me: [process.pid], gone: [2 ** 30] });
    spin(150);
    const cpu = meter.read();
    expect(cpu['self']).toBeGreaterThan(0);
    expect(cpu['me']).toBeGreaterThan(0);
    expect(cpu['gone']).toBeNull();
  });

  it('finds the local database server the integration tests use', () => {
    const pid = databaseServerPid();
    expect(pid).not.toBeNull();
    expect(processCpuMs(pid!)).not.toBeNull();
  });
});
