using Bench.Reporting;

namespace Bench.Stack;

/// <summary>
/// CPU time each process spends over a scenario (a process started during it counts from zero) and its peak memory;
/// the local RabbitMQ broker too, when there is one.
/// </summary>
internal sealed class UsageMeter
{
    private readonly Dictionary<int, double> _cpuAtStart;
    private readonly int? _broker;

    private UsageMeter(Dictionary<int, double> cpuAtStart, int? broker)
    {
        _cpuAtStart = cpuAtStart;
        _broker = broker;
    }

    public static UsageMeter Start(IEnumerable<ChildProcess> processes)
    {
        var cpu = processes.ToDictionary(p => p.Id, p => p.Stats()?.CpuSeconds ?? 0);
        var broker = BrokerProcess.Find();
        if (broker is { } pid && ProcessStats.Read(pid) is { } stats)
        {
            cpu[pid] = stats.CpuSeconds;
        }

        return new UsageMeter(cpu, broker);
    }

    public IReadOnlyList<ProcessUsage> Stop(IEnumerable<ChildProcess> processes)
    {
        var usage = processes.Select(p => Usage(p.Name, p.Id, p.Stats())).ToList();
        if (_broker is { } pid && ProcessStats.Read(pid) is { } broker)
        {
            usage.Add(Usage(BrokerProcess.Name, pid, broker));
        }

        return usage;
    }

    private ProcessUsage Usage(string name, int pid, ProcessStats? stats)
    {
        var total = stats?.CpuSeconds ?? 0;
        return new ProcessUsage(
            name,
            Units.Megabytes(stats?.PeakRssBytes ?? 0),
            Units.Round(total - _cpuAtStart.GetValueOrDefault(pid), 2),
            Units.Round(total, 2));
    }
}
