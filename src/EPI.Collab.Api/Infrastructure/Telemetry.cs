using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EPI.Collab.Api.Infrastructure;

/// <summary>
/// Traces, metrics and logs for ASP.NET Core, HttpClient, Npgsql, Marten and Wolverine.
/// They are exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise nothing leaves the process.
/// Without an exporter none of it is collected (CPU a vote storm needs; ops/perf/README.md).
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "epi-collab-api";
    private static readonly string[] CritterStackSources = ["Marten", "Wolverine"];

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        // Without an exporter nothing is registered: listeners would make every request, SQL command and Marten/Wolverine
        // step create spans, log records and measurements only to drop them.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(CritterStackSources))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CritterStackSources))
            .WithLogging(_ => { }, o => o.IncludeScopes = true)
            .UseOtlpExporter();
        return builder;
    }
}
