using Connector.Contracts;
using Connector.Falcon.Json;

namespace Connector.Falcon.Http;

/// <summary>
/// Decides the outcome of each item of a bulk call from Falcon's answer. Falcon's error texts are not a stable
/// format, so an error is pinned to an item only when it names the item (by an <c>id</c> field, a <c>value</c>
/// field, or the item's value or id appearing as a word in the message). An answer that does not say what
/// happened to an item leaves it <see cref="FalconItemStatus.Unknown"/> — a whole-request 400 does not mean that
/// every item failed.
/// </summary>
internal static class BatchOutcomes
{
    public static FalconItemResult<FalconIocWrite>[] ForCreate(
        IReadOnlyList<FalconIocWrite> items, int status, IReadOnlyList<FalconIoc> resources, IReadOnlyList<FalconErrorDto> errors)
    {
        var decision = new Decision<FalconIocWrite>(items, status);
        var leftover = new List<FalconIoc>();
        foreach (var ioc in resources)
        {
            var index = decision.FirstUndecided(w =>
                string.Equals(w.Type.ToFalconType(), ioc.Type, StringComparison.OrdinalIgnoreCase)
                && string.Equals(w.Value, ioc.Value, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                decision.Succeed(index, ioc);
            }
            else
            {
                leftover.Add(ioc);
            }
        }

        decision.AttributeErrors(errors, (w, e) => Names(e, null, w.Type.ToFalconType(), w.Value), isCreate: true);
        decision.PairLastLeftover(leftover);
        return decision.Finish(allSucceededWhenSilent: false);
    }

    public static FalconItemResult<FalconIocUpdate>[] ForUpdate(
        IReadOnlyList<FalconIocUpdate> items, int status, IReadOnlyList<FalconIoc> resources, IReadOnlyList<FalconErrorDto> errors)
    {
        var decision = new Decision<FalconIocUpdate>(items, status);
        var leftover = new List<FalconIoc>();
        foreach (var ioc in resources)
        {
            var index = decision.FirstUndecided(u => string.Equals(u.Id, ioc.Id, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                decision.Succeed(index, ioc);
            }
            else
            {
                leftover.Add(ioc);
            }
        }

        decision.AttributeErrors(errors, (u, e) => Names(e, u.Id, null, null), isCreate: false);
        decision.PairLastLeftover(leftover);
        return decision.Finish(allSucceededWhenSilent: false);
    }

    public static FalconItemResult<string>[] ForDelete(
        IReadOnlyList<string> ids, int status, IReadOnlyList<string> deletedIds, IReadOnlyList<FalconErrorDto> errors)
    {
        var decision = new Decision<string>(ids, status);
        foreach (var deleted in deletedIds)
        {
            var index = decision.FirstUndecided(id => string.Equals(id, deleted, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                decision.Succeed(index, null);
            }
        }

        decision.AttributeErrors(errors, (id, e) => Names(e, id, null, null), isCreate: false);

        // A delete answered with a bare success (no ids, no errors) deleted everything it was given.
        return decision.Finish(allSucceededWhenSilent: deletedIds.Count == 0 && errors.Count == 0);
    }

    /// <summary>True when <paramref name="error"/> is about the item with this id, or this type and value.</summary>
    private static bool Names(FalconErrorDto error, string? id, string? type, string? value)
    {
        if (id is not null)
        {
            return string.Equals(error.Id, id, StringComparison.OrdinalIgnoreCase) || Mentions(error.Message, id);
        }

        if (error.Value is { } errorValue)
        {
            return string.Equals(errorValue, value, StringComparison.OrdinalIgnoreCase)
                && (error.Type is null || string.Equals(error.Type, type, StringComparison.OrdinalIgnoreCase));
        }

        return value is not null && Mentions(error.Message, value);
    }

    /// <summary>True when <paramref name="word"/> appears in the message not as part of a longer value.</summary>
    internal static bool Mentions(string? message, string word)
    {
        if (string.IsNullOrEmpty(message) || string.IsNullOrEmpty(word))
        {
            return false;
        }

        for (var at = message.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = message.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !IsValueChar(message[at - 1])) && (end == message.Length || !IsValueChar(message[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsValueChar(char c) => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or ':';

    private sealed class Decision<T>(IReadOnlyList<T> items, int status)
    {
        private readonly FalconItemStatus?[] _status = new FalconItemStatus?[items.Count];
        private readonly FalconIoc?[] _iocs = new FalconIoc?[items.Count];
        private readonly List<FalconApiError>[] _errors = [.. items.Select(_ => new List<FalconApiError>())];
        private readonly List<FalconApiError> _unattributed = [];

        public int FirstUndecided(Func<T, bool> match)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (_status[i] is null && match(items[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public void Succeed(int index, FalconIoc? ioc)
        {
            _status[index] = FalconItemStatus.Succeeded;
            _iocs[index] = ioc;
        }

        public void AttributeErrors(IReadOnlyList<FalconErrorDto> errors, Func<T, FalconErrorDto, bool> names, bool isCreate)
        {
            foreach (var error in errors)
            {
                var found = false;
                for (var i = 0; i < items.Count; i++)
                {
                    if (_status[i] != FalconItemStatus.Succeeded && names(items[i], error))
                    {
                        Fail(i, FalconEnvelopeReader.ToPublic(error), isCreate);
                        found = true;
                    }
                }

                if (!found)
                {
                    _unattributed.Add(FalconEnvelopeReader.ToPublic(error));
                }
            }

            // With a single item there is nobody else an error of a failed request can be about.
            if (items.Count == 1 && _status[0] is null && status >= 400 && _unattributed.Count > 0)
            {
                foreach (var error in _unattributed)
                {
                    Fail(0, error, isCreate);
                }

                _unattributed.Clear();
            }
        }

        /// <summary>One object left for one item: Falcon spelt the value its own way (case, canonical form).</summary>
        public void PairLastLeftover(List<FalconIoc> leftover)
        {
            if (status is >= 200 and < 300 && leftover.Count == 1 && _status.Count(s => s is null) == 1)
            {
                Succeed(Array.IndexOf(_status, null), leftover[0]);
            }
        }

        public FalconItemResult<T>[] Finish(bool allSucceededWhenSilent)
        {
            var results = new FalconItemResult<T>[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var decided = _status[i]
                    ?? (allSucceededWhenSilent && status is >= 200 and < 300 ? FalconItemStatus.Succeeded : FalconItemStatus.Unknown);
                results[i] = new FalconItemResult<T>(items[i], decided)
                {
                    Ioc = _iocs[i],
                    Errors = _status[i] is null ? _unattributed : _errors[i],
                    HttpStatus = status,
                };
            }

            return results;
        }

        private void Fail(int index, FalconApiError error, bool isCreate)
        {
            var kind = isCreate && error.IsDuplicate ? FalconItemStatus.Duplicate
                : !isCreate && error.IsNotFound ? FalconItemStatus.NotFound
                : FalconItemStatus.Failed;
            _errors[index].Add(error);
            _status[index] = _status[index] is null || _status[index] == kind ? kind : FalconItemStatus.Failed;
        }
    }
}
