using System.Globalization;
using FalconSim.Fql;
using FalconSim.Validation;

namespace FalconSim.Http;

/// <summary>The six IOC endpoints of §3 of the spec, behind authentication and limits.</summary>
internal sealed class IocHandlers(FalconSimOptions options, FalconSimStore store, FalconSimCounters counters, IndicatorValidator validator)
{
    private readonly TimeProvider time = options.TimeProvider;

    /// <summary><c>GET /iocs/queries/indicators/v1</c> (ids) and <c>GET /iocs/combined/indicator/v1</c> (objects).</summary>
    public ApiResult Search(HttpRequest request, bool combined)
    {
        var query = request.Query;
        if (!SortSpec.TryParse(query["sort"].ToString(), out var sort, out var sortError))
        {
            return ApiResult.Error(400, sortError);
        }

        if (!QueryParameters.TryInt(query, "limit", options.DefaultQueryLimit, out var limit, out var error)
            || !QueryParameters.TryInt(query, "offset", 0, out var offset, out error))
        {
            return ApiResult.Error(400, error);
        }

        if (limit < 1 || limit > options.MaxQueryLimit)
        {
            return ApiResult.Error(400, string.Create(CultureInfo.InvariantCulture, $"Invalid value for 'limit': {limit}; it must be between 1 and {options.MaxQueryLimit}."));
        }

        AfterToken? after = null;
        var afterText = query["after"].ToString();
        if (afterText.Length > 0)
        {
            if (!AfterToken.TryDecode(afterText, out var token))
            {
                return ApiResult.Error(400, "Invalid value for 'after': not a pagination token from this API.");
            }

            if (token.Sort != sort.Text)
            {
                return ApiResult.Error(400, $"Invalid value for 'after': the token was issued for sort '{token.Sort}', not '{sort.Text}'.");
            }

            after = token;
        }
        else if ((long)offset + limit > options.QueryMaxOffsetPlusLimit)
        {
            return ApiResult.Error(400, string.Create(CultureInfo.InvariantCulture,
                $"Result window is too large, offset + limit must be less than or equal to: [{options.QueryMaxOffsetPlusLimit}] but was [{(long)offset + limit}]. Use the 'after' parameter to page further."));
        }

        var filterText = query["filter"].ToString();
        FqlFilter? filter = null;
        if (filterText.Length > 0)
        {
            try
            {
                filter = FqlFilter.Compile(filterText, options.MaxFilterProperties);
            }
            catch (FqlException ex)
            {
                return ApiResult.Error(400, ex.Message);
            }
        }

        var page = store.Search(new SearchRequest(filter, filterText, sort, limit, offset, after));
        IReadOnlyList<object> resources = combined
            ? [.. page.Items.Select(IndicatorWire.From)]
            : [.. page.Items.Select(i => i.Id)];
        return ApiResult.Ok(200, resources, new PaginationWire(page.Offset, limit, page.Total, page.After));
    }

    /// <summary><c>GET /iocs/entities/indicators/v1?ids=…</c>: deleted IOCs are returned too, with <c>deleted:true</c>.</summary>
    public ApiResult Get(HttpRequest request)
    {
        var ids = QueryParameters.List(request.Query["ids"]);
        if (ids.Count == 0)
        {
            return ApiResult.Error(400, "Invalid request: 'ids' is required.");
        }

        if (ids.Count > options.MaxIdsPerGet)
        {
            return ApiResult.Error(400, string.Create(CultureInfo.InvariantCulture, $"Too many ids: {ids.Count}; at most {options.MaxIdsPerGet} per request."));
        }

        var (found, missing) = store.Get(ids);
        var errors = missing.Select(id => new ApiError(404, $"Indicator not found: '{id}'.")).ToList();
        var status = found.Count == 0 ? 404 : 200;
        return new ApiResult(status) { Resources = [.. found.Select(IndicatorWire.From)], Errors = errors };
    }

    /// <summary><c>POST /iocs/entities/indicators/v1</c>: 201 with the created objects.</summary>
    public async Task<ApiResult> CreateAsync(HttpRequest request, string clientId, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryBool(request.Query, "ignore_warnings", out var ignoreWarnings, out var error)
            || !QueryParameters.TryBool(request.Query, "retrodetects", out _, out error))
        {
            return ApiResult.Error(400, error);
        }

        var (items, bodyError) = await IndicatorBody.ReadAsync(request, forUpdate: false, cancellationToken);
        if (CheckBatch(items, bodyError) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var validated = items!.Select(i => validator.ForCreate(i, clientId, now, ignoreWarnings)).ToList();
        var outcome = store.Create(validated, options.BatchFailureMode);
        counters.Created(outcome.Written.Count);
        return Written(201, outcome.Written.Select(i => (object)IndicatorWire.From(i.AsSeenAt(now))).ToList(), outcome.Errors);
    }

    /// <summary><c>PATCH /iocs/entities/indicators/v1</c>: 200 with the updated objects.</summary>
    public async Task<ApiResult> UpdateAsync(HttpRequest request, string clientId, CancellationToken cancellationToken)
    {
        if (!QueryParameters.TryBool(request.Query, "ignore_warnings", out _, out var error)
            || !QueryParameters.TryBool(request.Query, "retrodetects", out _, out error))
        {
            return ApiResult.Error(400, error);
        }

        var (items, bodyError) = await IndicatorBody.ReadAsync(request, forUpdate: true, cancellationToken);
        if (CheckBatch(items, bodyError) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var outcome = store.Update(items!, (current, input) => validator.ForUpdate(current, input, clientId, now), options.BatchFailureMode);
        counters.Updated(outcome.Written.Count);
        return Written(200, outcome.Written.Select(i => (object)IndicatorWire.From(i.AsSeenAt(now))).ToList(), outcome.Errors);
    }

    /// <summary><c>DELETE /iocs/entities/indicators/v1?ids=…&amp;comment=</c>: soft delete, 200 with the deleted ids.</summary>
    public ApiResult Delete(HttpRequest request, string clientId)
    {
        var ids = QueryParameters.List(request.Query["ids"]);
        var filterText = request.Query["filter"].ToString();
        if (ids.Count == 0 && filterText.Length == 0)
        {
            return ApiResult.Error(400, "Invalid request: 'ids' or 'filter' is required.");
        }

        if (ids.Count > options.MaxIdsPerGet)
        {
            return ApiResult.Error(400, string.Create(CultureInfo.InvariantCulture, $"Too many ids: {ids.Count}; at most {options.MaxIdsPerGet} per request."));
        }

        if (filterText.Length > 0)
        {
            try
            {
                ids.AddRange(store.MatchingIds(FqlFilter.Compile(filterText, options.MaxFilterProperties), filterText));
            }
            catch (FqlException ex)
            {
                return ApiResult.Error(400, ex.Message);
            }
        }

        var outcome = store.Delete(ids, clientId);
        counters.Deleted(outcome.Written.Count);
        var status = outcome.Errors.Count > 0 && outcome.Written.Count == 0 ? 404 : 200;
        return new ApiResult(status) { Resources = [.. outcome.Written], Errors = outcome.Errors };
    }

    private ApiResult? CheckBatch(IReadOnlyList<IndicatorInput>? items, string? bodyError)
    {
        if (bodyError is not null)
        {
            return ApiResult.Error(400, bodyError);
        }

        if (items!.Count == 0)
        {
            return ApiResult.Error(400, "Invalid request: at least one indicator is required.");
        }

        if (items.Count > options.MaxIndicatorsPerRequest)
        {
            return ApiResult.Error(400, string.Create(CultureInfo.InvariantCulture,
                $"Too many indicators: {items.Count}; at most {options.MaxIndicatorsPerRequest} per request."));
        }

        return null;
    }

    private static ApiResult Written(int successStatus, List<object> written, IReadOnlyList<ApiError> errors) =>
        errors.Count == 0
            ? ApiResult.Ok(successStatus, written)
            : new ApiResult(written.Count == 0 && errors.All(e => e.Code == 404) ? 404 : 400)
            {
                Resources = written.Count > 0 ? written : null,
                Errors = errors,
            };
}
