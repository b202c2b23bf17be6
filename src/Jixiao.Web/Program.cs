using System.Text.Encodings.Web;
using System.Text.Unicode;
using Jixiao.Application.Persistence;
using Jixiao.Web.Accounts;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Jixiao.Web.Components;
using Jixiao.Web.Home;
using Jixiao.Web.Hosting;
using Jixiao.Web.Jobs;
using Jixiao.Web.Localization;
using Jixiao.Web.Plans;
using Jixiao.Web.Security;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;
using MudBlazor.Services;

var noDemo = args.Contains("--no-demo", StringComparer.Ordinal);
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--no-demo").ToArray());
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddJixiaoDatabase(builder.Configuration);
builder.Services.AddCompanyCalendar(builder.Configuration);
builder.Services.Configure<Jixiao.Application.Import.ImportLimits>(builder.Configuration.GetSection("Import"));

// Several instances behind a load balancer share one key ring (cookies, antiforgery) in the database, encrypted with a certificate when configured.
DataProtectionKeys.Add(builder.Services, builder.Configuration);
builder.Services.AddJixiaoScheduler(builder.Configuration);
builder.Services.AddJixiaoHealthChecks();
builder.Services.AddJixiaoTelemetry(builder.Configuration);

// A request with "Authorization: Bearer" is an integration (API token); every other one uses the Identity cookie.
var authentication = builder.Services.AddAuthentication(ApiTokenHandler.CookieOrToken).AddApiTokens();
authentication.AddIdentityCookies();
// Sign-in through an external OpenID Connect provider, when Authentication:Oidc is configured (docs/deployment.md).
authentication.AddJixiaoOidc(builder.Configuration);
builder.Services.AddIdentityCore<AppUser>(o =>
    {
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Password.RequiredLength = 10;
        o.User.RequireUniqueEmail = false;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<JixiaoDbContext>()
    .AddUserManager<JixiaoUserManager>()
    .AddSignInManager<JixiaoSignInManager>()
    .AddClaimsPrincipalFactory<JixiaoClaimsFactory>()
    .AddDefaultTokenProviders();
builder.Services.AddSingleton<SessionStamps>();
builder.Services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
builder.Services.AddScoped<AccountService>();
builder.Services.AddHomeCards();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/login";
    o.AccessDeniedPath = "/login";
    o.Cookie.Name = "jixiao";
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    // Every request checks the cookie's security stamp (cached briefly): sign-out, password, role and disabling end sessions.
    o.Events.OnValidatePrincipal = SessionStamps.ValidateAsync;
    // API callers get status codes, not a redirect to the sign-in page.
    o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
    // A signed-in user refused a page or an API gets 403: pages answer a page in the user's language with a way home
    // (ErrorResponses), not the sign-in form.
    o.Events.OnRedirectToAccessDenied = ctx =>
    {
        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});

// Deny by default: every endpoint needs a signed-in user unless it says [AllowAnonymous].
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddJixiaoPolicies();
builder.Services.AddScoped<ScopeResolver>();
// Evidence of self-assessments and appeals: in the database, or in a folder every instance reads (docs/decisions/0019).
builder.Services.AddSingleton(new Jixiao.Application.Evaluations.EvidenceOptions
{
    Folder = builder.Configuration["Evaluations:EvidenceFolder"],
    MaxBytes = builder.Configuration.GetValue("Evaluations:EvidenceMaxBytes", Jixiao.Domain.Evaluations.EvidenceRules.DefaultMaxBytes),
});
builder.Services.AddSingleton<ResultCache>();
builder.Services.AddOpenApi();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ErrorResponses>();
// A query value that does not bind throws (in every environment), so ErrorResponses can say which parameter and why.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
// Chinese text is written as is, not as &#x...; entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddMudServices();
builder.Services.AddTransient<MudBlazor.MudLocalizer, Jixiao.Web.MudBlazorText>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = false);
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidator>();

var app = builder.Build();

// A database or certificate that cannot be used stops the start with one line on stderr (docs/deployment.md, "First start").
if (!await DatabaseStartup.InitializeAsync(app, seedDemo: !noDemo, Console.Out, Console.Error))
{
    Environment.ExitCode = 1;
    return;
}

// Headers first, so that every response carries them (docs/deployment.md, "Security headers").
app.UseSecurityHeaders();
// Pages and API alike: the language cookie, then Accept-Language, else zh-CN (docs/localization.md).
app.UseJixiaoRequestLocalization();
// In every environment, Development included: the developer exception page is never shown (ErrorResponses).
app.UseExceptionHandler(ErrorResponses.Options);
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseStatusCodePages(ErrorResponses.StatusCodePageAsync);
app.UseAuthentication();
app.UseApiCsrfGuard();
app.UsePasswordChangeGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapJixiaoHealth();
app.MapStaticAssets().AllowAnonymous();
app.MapAccount();
app.MapPasswordEndpoints();
app.MapExternalSignIn();
app.MapUsersApi();
app.MapCultureSwitch();
app.MapOrgApi();
app.MapEmployeesApi();
app.MapOrgWriteApi();
app.MapPlansApi();
app.MapDataApi();
app.MapCalculationApi();
app.MapResultsApi();
app.MapRatingsApi();
app.MapExportsApi();
app.MapTargetsApi();
app.MapTokensApi();
app.MapCalendarApi();
app.MapPeriodsApi();
app.MapAdjustmentsApi();
app.MapPayrollApi();
app.MapCostControlApi();
app.MapCareersApi();
app.MapAwardsApi();
app.MapTeamRewardsApi();
app.MapCreditsApi();
app.MapEvaluationsApi();
app.MapNotificationsApi();
app.MapAuditApi();
app.MapCalibrationApi();
app.MapImprovementPlansApi();
app.MapVerificationApi();
app.MapFeedbackApi();
app.MapApiDocs();
app.MapCalculationExport();
app.MapPlanExports();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || ctx.Request.Path.StartsWithSegments("/openapi", StringComparison.Ordinal))
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

/// <summary>The web host's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
