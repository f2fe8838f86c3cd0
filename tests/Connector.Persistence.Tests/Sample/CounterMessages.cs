namespace Connector.Persistence.Tests.Sample;

public sealed record CounterOpened(Guid CounterId, string? Label = null);

public sealed record CounterIncremented(Guid CounterId, int By = 1);

public sealed record CounterClosed(Guid CounterId);

/// <summary>Correlated by a query on the label, not by id: exercises the repository's query path.</summary>
public sealed record CountersWithLabelReset(string Label);

/// <summary>Pre-inserted (InsertOnInitial): the repository inserts the instance before the state machine runs.</summary>
public sealed record CounterSeeded(Guid CounterId, int Start);
