using Jixiao.Domain.Compensation.Ledger;

namespace Jixiao.Domain.Data;

/// <summary>Fixed pay (salaries.csv), read by the pay ledger only (docs/pay-ledger.md); the period close does not use it.</summary>
public sealed partial class Dataset
{
    /// <summary>Effective-dated monthly fixed pay of employees (any order); empty when the data has no salaries.csv.</summary>
    public IReadOnlyList<SalaryRow> Salaries { get; init; } = [];
}
