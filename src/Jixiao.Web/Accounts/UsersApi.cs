using System.Globalization;
using Jixiao.Application.Excel;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Accounts;

/// <summary>A new account; <see cref="Initial"/> is "password" (default: generated, shown once) or "link" (a first-sign-in link).</summary>
public sealed record UserCreateRequest(string? UserName, string? DisplayName, string? EmployeeId, IReadOnlyList<string>? Roles, string? CoveredUnitId, string? Initial);

/// <summary>The new state of an account read at <see cref="Version"/>: display name, linked employee (null unlinks), roles, covered unit.</summary>
public sealed record UserUpdateRequest(string? Version, string? DisplayName, string? EmployeeId, IReadOnlyList<string>? Roles, string? CoveredUnitId);

/// <summary>An action on an account read at <see cref="Version"/>; <see cref="Initial"/> for a password reset, <see cref="ProviderKey"/> for an external login.</summary>
public sealed record UserActionRequest(string? Version, string? Initial = null, string? ProviderKey = null);

/// <summary>Accounts for many employees: one role, user names by <see cref="UserNameRule"/> (default: the configured rule).</summary>
public sealed record UserBulkRequest(IReadOnlyList<string>? EmployeeIds, string? Role, string? UserNameRule, string? Initial);

/// <summary>A secret handed out once, with the first-sign-in link as a full URL.</summary>
public sealed record CredentialDto(string UserId, string UserName, string? EmployeeId, string? EmployeeName, string? Password, string? Link, DateTime? LinkExpiresAt);

/// <summary>An account created or reset, with its secret (shown this once).</summary>
public sealed record UserCreatedDto(AccountDto Account, CredentialDto Credential);

/// <summary>
/// <c>/api/v1/users</c>: user administration for administrators and HR (docs/decisions/0020-accounts.md). Changes carry
/// the account's <c>version</c> (409 when stale), are all or nothing and audited; refused changes answer 403 with the
/// reason, bad input 400 naming the field, in the request's language.
/// </summary>
public static class UsersApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Accounts").RequireAuthorization(Policies.UserAdmin);
        group.MapGet("/", ListAsync);
        group.MapGet("/candidates", CandidatesAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync);
        group.MapPost("/bulk", BulkAsync);
        group.MapPut("/{id}", UpdateAsync);
        group.MapPost("/{id}/disable", (string id, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            ActAsync(h, sc, (a, r) => s.SetDisabledAsync(a, id, r.Version, disabled: true, ct), ct));
        group.MapPost("/{id}/enable", (string id, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            ActAsync(h, sc, (a, r) => s.SetDisabledAsync(a, id, r.Version, disabled: false, ct), ct));
        group.MapPost("/{id}/unlock", (string id, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            ActAsync(h, sc, (a, r) => s.UnlockAsync(a, id, r.Version, ct), ct));
        group.MapPost("/{id}/force-password-change", (string id, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            ActAsync(h, sc, (a, r) => s.ForcePasswordChangeAsync(a, id, r.Version, ct), ct));
        group.MapPost("/{id}/external-logins", (string id, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            ActAsync(h, sc, (a, r) => s.AddExternalLoginAsync(a, id, r.Version, r.ProviderKey, ct), ct));
        group.MapDelete("/{id}/external-logins/{key}", async (string id, string key, string? version, HttpContext h, AccountService s, ScopeResolver sc, CancellationToken ct) =>
            Done(h, await s.RemoveExternalLoginAsync(await ActorAsync(h, sc, ct), id, version, key, ct)));
        group.MapPost("/{id}/reset-password", ResetAsync);
        return app;
    }

    private static async Task<AccountActor> ActorAsync(HttpContext http, ScopeResolver scopes, CancellationToken ct) =>
        AccountActor.Of(http.User, await scopes.ForAsync(http.User, ct));

    // Query and body values are read as text by ApiInput (docs/decisions/0006): a bad one answers a field error in the
    // caller's language, never the framework's own refusal.
    private static async Task<IResult> ListAsync(string? q, string? role, string? status, string? page, string? pageSize, HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        q = input.Text(q, "q");
        role = input.Text(role, "role");
        status = input.Text(status, "status");
        var (p, size) = input.Paging(page, pageSize);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (role is not null && !Roles.All.Contains(role, StringComparer.Ordinal))
        {
            return Invalid(http, [new("role", "Role_Unknown", ApiInput.Shown(role), string.Join(", ", Roles.All))]);
        }

        if (status is not null && !AccountService.Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Invalid(http, [new("status", "Status_Unknown", ApiInput.Shown(status), string.Join(", ", AccountService.Statuses))]);
        }

        return TypedResults.Ok(await accounts.ListAsync(await ActorAsync(http, scopes, ct), q, role, status, p, size, ct));
    }

    private static async Task<IResult> CandidatesAsync(string? unit, string? position, string? q, string? withoutAccount, HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        unit = input.Text(unit, "unit");
        position = input.Text(position, "position");
        q = input.Text(q, "q");
        var without = input.Flag(withoutAccount, "withoutAccount", fallback: true);
        return input.Problem is { } invalid
            ? invalid
            : TypedResults.Ok(await accounts.CandidatesAsync(await ActorAsync(http, scopes, ct), unit, position, q, without, scopes.Today(), ct));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct) =>
        new ApiInput(http).Text(id, "id") is { } text && await accounts.GetAsync(await ActorAsync(http, scopes, ct), text, ct) is { } account
            ? TypedResults.Ok(account) : ApiText.NotFound(http);

    private static async Task<IResult> CreateAsync(HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UserCreateRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        if (!TryInitial(request.Initial, out var secret))
        {
            return Invalid(http, [new("initial", "Initial_Unknown", ApiInput.Shown(request.Initial))]);
        }

        var input = new AccountInput(request.UserName, request.DisplayName, request.EmployeeId, request.Roles, request.CoveredUnitId);
        var result = await accounts.CreateAsync(await ActorAsync(http, scopes, ct), input, secret, ct);
        return result.Ok
            ? TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(result.Value!.Account.Id)}", new UserCreatedDto(result.Value.Account, Dto(http, result.Value.Credential)))
            : Failure(http, result);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UserUpdateRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        var input = new AccountInput(null, request.DisplayName, request.EmployeeId, request.Roles, request.CoveredUnitId);
        var result = await accounts.UpdateAsync(await ActorAsync(http, scopes, ct), id, request.Version, input, ct);
        return result.Ok ? TypedResults.Ok(result.Value) : Failure(http, result);
    }

    private static async Task<IResult> ResetAsync(string id, HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UserActionRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        if (!TryInitial(request.Initial, out var secret))
        {
            return Invalid(http, [new("initial", "Initial_Unknown", ApiInput.Shown(request.Initial))]);
        }

        var result = await accounts.ResetPasswordAsync(await ActorAsync(http, scopes, ct), id, request.Version, secret, ct);
        return result.Ok ? TypedResults.Ok(new UserCreatedDto(result.Value!.Account, Dto(http, result.Value.Credential))) : Failure(http, result);
    }

    /// <summary>Creates the accounts; answers JSON, or the .xlsx of user names and secrets when the request accepts it.</summary>
    private static async Task<IResult> BulkAsync(HttpContext http, AccountService accounts, ScopeResolver scopes, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UserBulkRequest>(ct);
        if (request is null)
        {
            return unreadable!;
        }

        if (!TryInitial(request.Initial, out var secret))
        {
            return Invalid(http, [new("initial", "Initial_Unknown", ApiInput.Shown(request.Initial))]);
        }

        var result = await accounts.BulkCreateAsync(await ActorAsync(http, scopes, ct), request.EmployeeIds, request.Role, request.UserNameRule, secret, ct);
        if (!result.Ok)
        {
            return Failure(http, result);
        }

        var credentials = result.Value!.Select(c => Dto(http, c)).ToList();
        if (http.Request.Headers.Accept.ToString().Contains(Xlsx, StringComparison.OrdinalIgnoreCase))
        {
            var stream = new MemoryStream();
            CredentialsSheet.Write(stream, credentials, ApiText.Culture(http));
            stream.Position = 0;
            return TypedResults.File(stream, Xlsx, "accounts.xlsx");
        }

        return TypedResults.Created("/api/v1/users", credentials);
    }

    /// <summary>An action whose JSON body (<see cref="UserActionRequest"/>) carries the account's version.</summary>
    private static async Task<IResult> ActAsync(HttpContext http, ScopeResolver scopes, Func<AccountActor, UserActionRequest, Task<AccountResult<AccountDto>>> action, CancellationToken ct)
    {
        var (request, unreadable) = await new ApiInput(http).BodyAsync<UserActionRequest>(ct);
        return request is null ? unreadable! : Done(http, await action(await ActorAsync(http, scopes, ct), request));
    }

    private static IResult Done(HttpContext http, AccountResult<AccountDto> result) => result.Ok ? TypedResults.Ok(result.Value) : Failure(http, result);

    /// <summary>The link of a first-sign-in token on this site.</summary>
    public static string LinkUrl(string baseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.TrimEnd('/') + "/account/first-sign-in?token=" + Uri.EscapeDataString(token);
    }

    private static CredentialDto Dto(HttpContext http, AccountCredential c) =>
        new(c.UserId, c.UserName, c.EmployeeId, c.EmployeeName, c.Password,
            c.LinkToken is null ? null : LinkUrl($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}", c.LinkToken), c.LinkExpiresAt);

    private static bool TryInitial(string? text, out InitialSecret secret)
    {
        secret = InitialSecret.Password;
        if (string.IsNullOrWhiteSpace(text) || text == "password")
        {
            return true;
        }

        secret = InitialSecret.Link;
        return text == "link";
    }

    private static IResult Failure<T>(HttpContext http, AccountResult<T> result)
        where T : class
    {
        var culture = ApiText.Culture(http);
        return result.Outcome switch
        {
            AccountOutcome.NotFound => ApiText.NotFound(http),
            AccountOutcome.Conflict => TypedResults.Problem(AccountsText.Get(culture, "Conflict"), statusCode: StatusCodes.Status409Conflict, title: AccountsText.Get(culture, "Conflict_Title")),
            AccountOutcome.Forbidden => TypedResults.Problem(AccountsText.Message(culture, result.Problems[0]), statusCode: StatusCodes.Status403Forbidden, title: AccountsText.Get(culture, "Forbidden_Title")),
            _ => Invalid(http, result.Problems),
        };
    }

    private static ValidationProblem Invalid(HttpContext http, IEnumerable<AccountProblem> problems)
    {
        var culture = ApiText.Culture(http);
        var errors = problems.GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => AccountsText.Message(culture, p)).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors, title: AccountsText.Get(culture, "Invalid_Title"));
    }
}

/// <summary>The sheet of new accounts and their secrets (shown once): formula-injection safe (<see cref="ExcelExport"/>).</summary>
public static class CredentialsSheet
{
    public static void Write(Stream stream, IReadOnlyList<CredentialDto> credentials, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(culture);
        ExportColumn[] columns =
        [
            new("工号", "Employee id"), new("姓名", "Name"), new("用户名", "User name"), new("初始密码", "Initial password"),
            new("首次登录链接", "First sign-in link"), new("链接有效期至", "Link valid until", ExportKind.Date),
        ];
        ExcelExport.Write(stream, culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "账号" : "Accounts", columns,
            credentials.Select(c => (IReadOnlyList<object?>)[c.EmployeeId, c.EmployeeName, c.UserName, c.Password, c.Link, c.LinkExpiresAt]), culture);
    }
}
