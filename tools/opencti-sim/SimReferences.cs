namespace OpenCtiSim;

/// <summary>A marking definition (TLP) that indicators reference; sent as a dependency frame before them.</summary>
public sealed record SimMarking(string Id, string StandardId, string DefinitionType, string Definition, string Color, int Order, DateTimeOffset Created);

/// <summary>An organization behind <c>created_by_ref</c>; sent as a dependency frame before the indicators it authored.</summary>
public sealed record SimIdentity(string Id, string StandardId, string Name, string IdentityClass, DateTimeOffset Created);

/// <summary>A label: OpenCTI filters on labels by their internal id; the STIX object carries the value.</summary>
public sealed record SimLabel(string Id, string Value, string Color);
