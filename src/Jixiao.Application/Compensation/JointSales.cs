using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.DataImports;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>What a joint-sale action did, or why it was refused (with the message's arguments).</summary>
public sealed record JointSaleOutcome(JointSaleEntity? Request, JointSaleProblem? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;
}

/// <summary>A sale as the joint-sale form offers it.</summary>
public sealed record JointSaleCandidate(string Id, string Owner, DateOnly Date, string Customer, decimal Amount);

/// <summary>
/// Joint sales entered in the web app (seed 003 §五.3 业绩分配; docs/data-format.md "credits"): requested for one sale of an open
/// period (<see cref="RequestAsync"/>), approved or rejected by the head of the owner's unit or someone above, never the
/// requester (<see cref="DecideAsync"/>), or withdrawn by the requester (<see cref="WithdrawAsync"/>). Approval writes the shares
/// into the credits table as credit rows of the sale (upload id 0), so every calculation path reads them exactly as uploaded.
/// One source per sale: a sale with uploaded credits takes no request, and an upload naming a sale with approved shares is
/// refused (<see cref="AppSplitAsync"/>). Every step is audited.
/// </summary>
public sealed class JointSalesService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>Credit rows written by an approved request carry this upload id (no upload wrote them).</summary>
    public const long AppUploadId = 0;

    /// <summary>The requests, newest first: those whose sale lies in <paramref name="period"/> and in <paramref name="state"/> when given.</summary>
    public async Task<IReadOnlyList<JointSaleEntity>> ListAsync(Period? period, JointSaleState? state, CancellationToken ct = default)
    {
        var query = db.JointSales.AsNoTracking().Include(j => j.Shares).AsQueryable();
        if (period is { } p)
        {
            var (start, end) = (p.Start, p.End);
            query = query.Where(j => j.SaleDate >= start && j.SaleDate <= end);
        }

        if (state is { } s)
        {
            query = query.Where(j => j.State == s);
        }

        return await query.OrderByDescending(j => j.Id).AsSplitQuery().ToListAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A request by id, with its shares (null: none).</summary>
    public Task<JointSaleEntity?> FindAsync(long id, CancellationToken ct = default) =>
        db.JointSales.AsNoTracking().Include(j => j.Shares).SingleOrDefaultAsync(j => j.Id == id, ct);

    /// <summary>
    /// The sales <paramref name="scope"/> may request shares of (their own; a supervisor's or manager's, those of the people in
    /// their subtree) in periods that are not closed, matching <paramref name="search"/> in the id, the customer or the amount;
    /// newest first, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<IReadOnlyList<JointSaleCandidate>> CandidatesAsync(AccessScope scope, string? search, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Self is null)
        {
            return [];
        }

        string[] owners = scope.Kind == ScopeKind.Subtree ? [.. scope.Employees] : [scope.Self];
        var query = db.Sales.AsNoTracking().Where(s => owners.Contains(s.EmployeeId));
        var text = search?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var amount = decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : (decimal?)null;
            query = query.Where(s => s.ExternalId.Contains(text) || s.Customer.Contains(text) || (amount != null && s.Amount == amount));
        }

        var closed = await ClosedAsync(ct).ConfigureAwait(false);
        var rows = await query.OrderByDescending(s => s.Date).ThenBy(s => s.ExternalId).Take(Math.Max(limit, 1) * 4)
            .Select(s => new JointSaleCandidate(s.ExternalId, s.EmployeeId, s.Date, s.Customer, s.Amount)).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Where(r => ClosedOn(closed, r.Date) is null).Take(limit)];
    }

    /// <summary>
    /// Requests shares of sale <paramref name="saleId"/> (the caller's scope on the sale's date is <paramref name="scope"/>): refused
    /// when the sale does not exist, lies in a closed period, already has uploaded credits or a waiting or approved request, the
    /// caller neither owns it, nor is among the people, nor sees its owner as a supervisor or manager, the shares break the rule
    /// (<see cref="JointSale.CheckShares"/>) or a person is not an active employee on the sale's date.
    /// </summary>
    public async Task<JointSaleOutcome> RequestAsync(string saleId, IReadOnlyList<JointSaleShare> shares, string? note, string userId, AccessScope scope, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(scope);
        var sale = await db.Sales.AsNoTracking().Where(s => s.ExternalId == saleId).Select(s => new { s.EmployeeId, s.Date }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (sale is null)
        {
            return new(null, JointSaleProblem.UnknownSale, [saleId]);
        }

        var mayRequest = scope.Self is { } self && (self == sale.EmployeeId || shares.Any(s => s.Employee == self)
            || (scope.Kind == ScopeKind.Subtree && scope.CanSee(sale.EmployeeId)));
        if (!mayRequest)
        {
            return new(null, JointSaleProblem.NotTheirSale, [saleId]);
        }

        if (await SaleProblemAsync(saleId, sale.Date, null, ct).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (JointSale.CheckShares(shares) is { } bad)
        {
            return new(null, bad.Problem, bad.Arguments);
        }

        var people = shares.Select(s => s.Employee).ToList();
        var active = await db.Employees.AsNoTracking().Where(e => people.Contains(e.Id) && e.HireDate <= sale.Date && (e.LeaveDate == null || e.LeaveDate >= sale.Date))
            .Select(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
        if (people.FirstOrDefault(p => !active.Contains(p)) is { } inactive)
        {
            return new(null, JointSaleProblem.NotActive, [inactive, Day(sale.Date)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var request = new JointSaleEntity
        {
            SaleId = saleId,
            OwnerId = sale.EmployeeId,
            SaleDate = sale.Date,
            State = JointSaleState.Pending,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RequestedBy = userId,
            RequestedAt = now,
            Shares = [.. shares.Select(s => new JointSaleShareEntity { EmployeeId = s.Employee, Share = s.Share })],
        };
        db.JointSales.Add(request);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.Audit(now, userId, "credits.request", saleId, $"#{request.Id} sale {saleId} of {sale.EmployeeId} ({Day(sale.Date)}): {Shares(request)}"
            + (request.Note is { } n ? "; note: " + n : ""), Month(sale.Date), sale.EmployeeId, null, null);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(request, null, []);
    }

    /// <summary>
    /// Approves or rejects request <paramref name="id"/>: <paramref name="managesOwner"/> says whether the caller heads the owner's
    /// unit or one above (the caller checked role and scope); never the requester or one of the people credited, only while it
    /// waits, a rejection only with a reason, an approval only while the sale's period is open and the sale has no uploaded credits.
    /// Approval writes the shares as the sale's credit rows in the same transaction. Null when there is no such request.
    /// </summary>
    public async Task<JointSaleOutcome?> DecideAsync(long id, bool approve, string? note, string userId, string? userEmployee, bool managesOwner, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var request = await db.JointSales.Include(j => j.Shares).SingleOrDefaultAsync(j => j.Id == id, ct).ConfigureAwait(false);
        if (request is null)
        {
            return null;
        }

        var number = id.ToString(CultureInfo.InvariantCulture);
        if (JointSale.CheckDecision(request.RequestedBy, userId, userEmployee, [.. request.Shares.Select(s => s.EmployeeId)], managesOwner,
            request.State == JointSaleState.Pending) is { } problem)
        {
            return new(request, problem, [number]);
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return new(request, JointSaleProblem.ReasonRequired, [number]);
        }

        if (approve && await SaleProblemAsync(request.SaleId, request.SaleDate, request.Id, ct).ConfigureAwait(false) is { } refused)
        {
            return refused with { Request = request };
        }

        var now = time.GetUtcNow().UtcDateTime;
        request.State = approve ? JointSaleState.Approved : JointSaleState.Rejected;
        request.DecidedBy = userId;
        request.DecidedAt = now;
        request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (approve)
        {
            foreach (var s in request.Shares.OrderBy(s => s.EmployeeId, StringComparer.Ordinal))
            {
                db.Credits.Add(new CreditRow
                {
                    ExternalId = DataImporter.Key(request.SaleId, s.EmployeeId),
                    SaleId = request.SaleId,
                    EmployeeId = s.EmployeeId,
                    Share = s.Share,
                    UploadId = AppUploadId,
                });
            }
        }

        db.Audit(now, userId, approve ? "credits.approve" : "credits.reject", request.SaleId,
            $"#{request.Id} sale {request.SaleId}: {Shares(request)}, requested by {request.RequestedBy}" + (request.DecisionNote is { } n ? "; note: " + n : ""),
            Month(request.SaleDate), request.OwnerId, null, null);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Decided meanwhile (version), or credit rows of the sale written meanwhile (unique external id).
            db.ChangeTracker.Clear();
            return new(null, JointSaleProblem.AlreadyDecided, [number]);
        }

        return new(request, null, []);
    }

    /// <summary>The requester withdraws waiting request <paramref name="id"/>; null when there is no such request.</summary>
    public async Task<JointSaleOutcome?> WithdrawAsync(long id, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var request = await db.JointSales.Include(j => j.Shares).SingleOrDefaultAsync(j => j.Id == id, ct).ConfigureAwait(false);
        if (request is null)
        {
            return null;
        }

        var number = id.ToString(CultureInfo.InvariantCulture);
        if (request.RequestedBy != userId)
        {
            return new(request, JointSaleProblem.NotRequester, [number]);
        }

        if (request.State != JointSaleState.Pending)
        {
            return new(request, JointSaleProblem.AlreadyDecided, [number]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        request.State = JointSaleState.Withdrawn;
        request.DecidedBy = userId;
        request.DecidedAt = now;
        db.Audit(now, userId, "credits.withdraw", request.SaleId, $"#{request.Id} sale {request.SaleId}: {Shares(request)}", Month(request.SaleDate), request.OwnerId, null, null);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, JointSaleProblem.AlreadyDecided, [number]);
        }

        return new(request, null, []);
    }

    /// <summary>Of <paramref name="saleIds"/>, those split by an approved request, with the request's number.</summary>
    public static async Task<Dictionary<string, long>> AppSplitAsync(JixiaoDbContext db, IEnumerable<string> saleIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in saleIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await db.JointSales.AsNoTracking().Where(j => j.State == JointSaleState.Approved && chunk.Contains(j.SaleId))
                .Select(j => new { j.SaleId, j.Id }).ToListAsync(ct).ConfigureAwait(false);
            foreach (var r in rows)
            {
                result[r.SaleId] = r.Id;
            }
        }

        return result;
    }

    /// <summary>Why sale <paramref name="saleId"/> cannot take a split now (null: it can); <paramref name="self"/> is the request being approved.</summary>
    private async Task<JointSaleOutcome?> SaleProblemAsync(string saleId, DateOnly date, long? self, CancellationToken ct)
    {
        if (ClosedOn(await ClosedAsync(ct).ConfigureAwait(false), date) is { } closed)
        {
            return new(null, JointSaleProblem.PeriodClosed, [saleId, closed]);
        }

        var other = await db.JointSales.AsNoTracking().Where(j => j.SaleId == saleId && j.Id != self && (j.State == JointSaleState.Pending || j.State == JointSaleState.Approved))
            .OrderBy(j => j.Id).Select(j => (long?)j.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        if (other is { } o)
        {
            return new(null, JointSaleProblem.AlreadyRequested, [saleId, o.ToString(CultureInfo.InvariantCulture)]);
        }

        return await db.Credits.AnyAsync(c => c.SaleId == saleId, ct).ConfigureAwait(false) ? new(null, JointSaleProblem.Uploaded, [saleId]) : null;
    }

    private async Task<List<Period>> ClosedAsync(CancellationToken ct)
    {
        var closed = await ClosedPeriods.ReadAsync(db, ct).ConfigureAwait(false);
        return [.. closed.Closed.Select(k => Period.TryParse(k, out var p) ? p : (Period?)null).OfType<Period>()];
    }

    /// <summary>The closed period containing <paramref name="date"/> (the first by key), or null.</summary>
    private static string? ClosedOn(List<Period> closed, DateOnly date) =>
        closed.Where(p => p.Contains(date)).Select(p => p.ToString()).Order(StringComparer.Ordinal).FirstOrDefault();

    private static string Shares(JointSaleEntity r) =>
        string.Join(", ", r.Shares.OrderBy(s => s.EmployeeId, StringComparer.Ordinal).Select(s => $"{s.EmployeeId} {s.Share.ToString("0.######", CultureInfo.InvariantCulture)}"));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Month(DateOnly d) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
