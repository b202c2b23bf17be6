using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>Users see names, never codes: a refusal naming a person by employee id is told with their name instead.</summary>
public static class EvaluationNames
{
    /// <summary><paramref name="error"/> with each person's employee id (<see cref="EvaluationError.PersonArguments"/>) replaced by their name.</summary>
    public static async Task<EvaluationError> NamedAsync(this JixiaoDbContext db, EvaluationError error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(error);
        var ids = error.PersonIds().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return error;
        }

        var names = await db.Employees.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return error.WithNames(names);
    }
}
