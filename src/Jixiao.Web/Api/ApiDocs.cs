using Scalar.AspNetCore;

namespace Jixiao.Web.Api;

/// <summary>The OpenAPI document (/openapi/v1.json) and the interactive reference (/api/reference); both need a signed-in user.</summary>
public static class ApiDocs
{
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Jixiao API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
