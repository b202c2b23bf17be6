using Jixiao.Application.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Jixiao.Web.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics over OTLP, only when <c>OpenTelemetry:Otlp:Endpoint</c> is set (off by default):
/// ASP.NET Core requests (spans, <c>http.server.request.duration</c>) and the app's own "Jixiao" source and meter
/// (<see cref="JixiaoTelemetry"/>: runs, imports). <c>OpenTelemetry:Otlp:Protocol</c> is <c>grpc</c> (default) or
/// <c>http/protobuf</c>; <c>OpenTelemetry:ServiceName</c> defaults to <c>jixiao</c>. Health probes are not traced.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddJixiaoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration["OpenTelemetry:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"OpenTelemetry:Otlp:Endpoint must be an http(s) URL such as http://collector:4317, not '{endpoint}'.");
        }

        var protocol = configuration["OpenTelemetry:Otlp:Protocol"] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"OpenTelemetry:Otlp:Protocol must be grpc or http/protobuf, not '{other}'."),
        };
        var service = configuration["OpenTelemetry:ServiceName"] is { Length: > 0 } name ? name : "jixiao";
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(service))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !Health.IsProbe(http.Request.Path)).AddSource(JixiaoTelemetry.Name))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(JixiaoTelemetry.Name))
            .UseOtlpExporter(protocol, uri);
        return services;
    }
}
