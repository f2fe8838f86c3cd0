using FalconSim;

namespace Connector.IocSync.Tests.Support;

/// <summary>The write requests falcon-sim answered, by kind.</summary>
internal readonly record struct FalconRequests(long Creates, long Updates, long Deletes, long Lookups)
{
    private const string Entities = "/iocs/entities/indicators/v1";
    private const string Combined = "/iocs/combined/indicator/v1";
    private const string Queries = "/iocs/queries/indicators/v1";

    public static FalconRequests Of(FalconSimHost falcon) => new(
        falcon.Counters.Requests(Entities, "POST"),
        falcon.Counters.Requests(Entities, "PATCH"),
        falcon.Counters.Requests(Entities, "DELETE"),
        falcon.Counters.Requests(Combined, "GET") + falcon.Counters.Requests(Queries, "GET"));
}
