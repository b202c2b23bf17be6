using System.Data.Common;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    /// <summary>Row indexes ordered by their external id (ordinal).</summary>
    private static int[] ByKey(List<string> keys)
    {
        var order = new int[keys.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort([.. keys], order, StringComparer.Ordinal);
        return order;
    }

    private static T[] Permute<T>(List<T> values, int[]? order)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        if (order is null)
        {
            return span.ToArray();
        }

        var result = new T[order.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = span[order[i]];
        }

        return result;
    }

    private static StringColumn Empty(int count) => new([], new int[count + 1]);

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    /// <summary>Exact cents; a stored amount with a fraction of a cent is an error, never truncated.</summary>
    private static long Cents(decimal amount)
    {
        var cents = amount * 100m;
        return cents == decimal.Truncate(cents) ? (long)cents : throw new InvalidDataException($"The stored amount {amount} has a fraction of a cent.");
    }

    /// <summary>Units and values in 1/10,000, exactly.</summary>
    private static long Scaled(decimal value)
    {
        var scaled = value * Columns.Scale;
        return scaled == decimal.Truncate(scaled) ? (long)scaled : throw new InvalidDataException($"The stored value {value} has more than four decimals.");
    }

    // Normalised so 12.5 and 12.50 (PostgreSQL numeric vs SQLite text) hash the same.
    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Distinct strings in order of first appearance and the code of each.</summary>
    private sealed class Interner
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];

        public IReadOnlyList<string> Values => _values;

        public int Code(string value)
        {
            if (!_codes.TryGetValue(value, out var code))
            {
                code = _values.Count;
                _codes[value] = code;
                _values.Add(value);
            }

            return code;
        }
    }

    /// <summary>Table and column names from the EF model, quoted for the provider; commands on the context's connection.</summary>
    internal sealed class Sql(JixiaoDbContext db, DbConnection connection)
    {
        private readonly ISqlGenerationHelper _names = db.GetService<ISqlGenerationHelper>();
        private readonly IRelationalTypeMappingSource _types = db.GetService<IRelationalTypeMappingSource>();

        public string Table<T>() => _names.DelimitIdentifier(Entity<T>().GetTableName()!, Entity<T>().GetSchema());

        public string Column<T>(string property)
        {
            var entity = Entity<T>();
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var p = entity.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.");
            return _names.DelimitIdentifier(p.GetColumnName(store)!);
        }

        public string Select<T>(params string[] properties) =>
            $"SELECT {string.Join(", ", properties.Select(Column<T>))} FROM {Table<T>()}";

        /// <summary>When set, only the rows an explanation of these people needs are read (<see cref="ReadForAsync"/>).</summary>
        public Scope? Only { get; init; }

        /// <summary>The people and everyone who shares a sale with them (filled before the organisation is read).</summary>
        public HashSet<string>? Ids { get; set; }

        /// <summary>" AND column IN (the people)", its parameters added to <paramref name="command"/>; "" when not restricted.</summary>
        public string People(DbCommand command, string column) => Only is null ? "" : $" AND {column} IN ({List(command, "@o", Only.People)})";

        /// <summary>" AND column IN (the subjects)" for targets and direct values; "" when not restricted.</summary>
        public string Subjects(DbCommand command, string column) => Only is null ? "" : $" AND {column} IN ({List(command, "@j", Only.Subjects)})";

        /// <summary>" AND column IN (the people and those who share a sale with them)" for the organisation; "" when not restricted.</summary>
        public string Staff(DbCommand command, string column) => Only is null ? "" : $" AND {column} IN ({List(command, "@i", Ids ?? [])})";

        /// <summary>" AND (the sale is the people's or credited to one of them)" for sales aliased <paramref name="alias"/>; "" when not restricted.</summary>
        public string Sales(DbCommand command, string alias)
        {
            if (Only is null)
            {
                return "";
            }

            var people = List(command, "@o", Only.People);
            var credit = Table<CreditRow>();
            return $" AND ({alias}.{Column<SaleRow>(nameof(SaleRow.EmployeeId))} IN ({people}) OR {alias}.{Column<SaleRow>(nameof(SaleRow.ExternalId))} IN " +
                $"(SELECT {Column<CreditRow>(nameof(CreditRow.SaleId))} FROM {credit} WHERE {Column<CreditRow>(nameof(CreditRow.EmployeeId))} IN ({people})))";
        }

        /// <summary>"@p0, @p1, …" with one text parameter per value (added once per command); "NULL" for none.</summary>
        private string List(DbCommand command, string prefix, IReadOnlyCollection<string> values)
        {
            if (values.Count == 0)
            {
                return "NULL";
            }

            var names = new List<string>(values.Count);
            var i = 0;
            foreach (var v in values.Order(StringComparer.Ordinal))
            {
                var name = prefix + i++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                names.Add(name);
                if (!command.Parameters.Contains(name))
                {
                    Parameter(command, name, v);
                }
            }

            return string.Join(", ", names);
        }

        public DbCommand Command(string text)
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return command;
        }

        /// <summary>A parameter written as the model writes values of its type (SQLite keeps dates as text).</summary>
        public void Parameter(DbCommand command, string name, object value)
        {
            var mapping = _types.FindMapping(value.GetType()) ?? throw new InvalidOperationException($"No mapping for {value.GetType().Name}.");
            command.Parameters.Add(mapping.CreateParameter(command, name, mapping.Converter?.ConvertToProvider(value) ?? value));
        }

        private IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
    }
}
