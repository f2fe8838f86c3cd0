using System.Globalization;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Filters;

/// <summary>
/// Decides whether an indicator matches a FilterGroup. One evaluator serves both the live stream and the
/// <c>indicators</c> query, so the two always agree.
/// </summary>
internal sealed class FilterEvaluator(IReferenceLookup refs)
{
    public bool Matches(FilterGroup group, SimIndicator indicator)
    {
        var atoms = new List<string>();
        return MatchesGroup(group, indicator, atoms);
    }

    private bool MatchesGroup(FilterGroup group, SimIndicator indicator, List<string> atoms)
    {
        if (group.Filters.Count == 0 && group.FilterGroups.Count == 0)
        {
            return true;
        }

        if (group.Mode == FilterMode.And)
        {
            foreach (var filter in group.Filters)
            {
                if (!MatchesFilter(filter, indicator, atoms))
                {
                    return false;
                }
            }

            foreach (var inner in group.FilterGroups)
            {
                if (!MatchesGroup(inner, indicator, atoms))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var filter in group.Filters)
        {
            if (MatchesFilter(filter, indicator, atoms))
            {
                return true;
            }
        }

        foreach (var inner in group.FilterGroups)
        {
            if (MatchesGroup(inner, indicator, atoms))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesFilter(Filter filter, SimIndicator indicator, List<string> atoms)
    {
        // Several keys in one filter are alternatives (OpenCTI's multi-key filters).
        foreach (var key in filter.Keys)
        {
            if (MatchesKey(filter, key, indicator, atoms))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesKey(Filter filter, string key, SimIndicator indicator, List<string> atoms)
    {
        var kind = IndicatorFields.KindOf(key);
        if (filter.Operator is FilterOperator.Nil or FilterOperator.NotNil)
        {
            var present = kind switch
            {
                FieldKind.Number => IndicatorFields.Number(key, indicator).HasValue,
                FieldKind.Date => IndicatorFields.Date(key, indicator).HasValue,
                FieldKind.Boolean => IndicatorFields.Boolean(key, indicator).HasValue,
                _ => CollectTexts(key, indicator, atoms).Count > 0,
            };
            return filter.Operator == FilterOperator.NotNil ? present : !present;
        }

        // A comparison without values restricts nothing (the platform drops such filters).
        if (filter.Values.Count == 0)
        {
            return true;
        }

        if (kind == FieldKind.Text)
        {
            CollectTexts(key, indicator, atoms);
        }

        var all = filter.Mode == FilterMode.And;
        foreach (var value in filter.Values)
        {
            var hit = kind switch
            {
                FieldKind.Number => CompareNumber(filter, key, IndicatorFields.Number(key, indicator), value),
                FieldKind.Date => CompareDate(filter, key, IndicatorFields.Date(key, indicator), value),
                FieldKind.Boolean => CompareBoolean(filter, key, IndicatorFields.Boolean(key, indicator), value),
                _ => CompareText(filter.Operator, atoms, value),
            };
            if (hit != all)
            {
                return hit;
            }
        }

        return all;
    }

    private List<string> CollectTexts(string key, SimIndicator indicator, List<string> atoms)
    {
        atoms.Clear();
        IndicatorFields.CollectTexts(key, indicator, refs, atoms);
        return atoms;
    }

    private static bool CompareText(FilterOperator op, List<string> atoms, string value)
    {
        switch (op)
        {
            case FilterOperator.Eq:
                return atoms.Exists(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
            case FilterOperator.NotEq:
                return !atoms.Exists(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
            default:
                return atoms.Exists(a => Ordered(op, string.Compare(a, value, StringComparison.OrdinalIgnoreCase)));
        }
    }

    private static bool CompareNumber(Filter filter, string key, double? actual, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted))
        {
            throw new FilterException($"filter {key} needs numbers, got '{value}'");
        }

        return CompareNullable(filter.Operator, actual?.CompareTo(wanted));
    }

    private static bool CompareDate(Filter filter, string key, DateTimeOffset? actual, string value)
    {
        if (!SimTime.TryParse(value, out var wanted))
        {
            throw new FilterException($"filter {key} needs ISO dates, got '{value}'");
        }

        return CompareNullable(filter.Operator, actual?.CompareTo(wanted));
    }

    private static bool CompareBoolean(Filter filter, string key, bool? actual, string value)
    {
        if (!bool.TryParse(value, out var wanted))
        {
            throw new FilterException($"filter {key} needs true or false, got '{value}'");
        }

        return filter.Operator switch
        {
            FilterOperator.Eq => actual == wanted,
            FilterOperator.NotEq => actual != wanted,
            _ => throw new FilterException($"operator {filter.Operator} does not apply to {key}"),
        };
    }

    // A missing value equals nothing, differs from everything, and is neither above nor below anything.
    private static bool CompareNullable(FilterOperator op, int? comparison) => op switch
    {
        FilterOperator.Eq => comparison == 0,
        FilterOperator.NotEq => comparison != 0,
        _ => comparison is { } c && Ordered(op, c),
    };

    private static bool Ordered(FilterOperator op, int comparison) => op switch
    {
        FilterOperator.Gt => comparison > 0,
        FilterOperator.Gte => comparison >= 0,
        FilterOperator.Lt => comparison < 0,
        FilterOperator.Lte => comparison <= 0,
        _ => false,
    };
}
