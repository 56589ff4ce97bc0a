using System.Text.Json.Serialization;
using Ballast.Games;
using Ballast.Games.Log;
using Ballast.Web.Api;
using Ballast.Web.Dashboard;
using Ballast.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ballast.Web;

/// <summary>
/// Builds the Ballast web app (API + dashboard). The one entry point for every host: <c>ballast serve</c> calls
/// <see cref="Build"/> and runs it; tests start it through <c>WebApplicationFactory</c> via a one-line Program that does
/// the same. Settings come from the <c>Ballast</c> configuration section (command line <c>--Ballast:Store=DIR</c>,
/// environment <c>Ballast__Store</c>, <c>appsettings.json</c> next to the binary) and then the caller's changes; an
/// unknown setting or a value of the wrong kind is refused by name.
/// </summary>
public static class BallastWebApp
{
    /// <summary>Creates the app, ready to run; throws <see cref="BallastInputException"/> on bad settings.</summary>
    public static WebApplication Build(string[] args, Action<BallastWebOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(BallastWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Settings known now (the CLI's) decide where Kestrel listens; tests override the rest before the host is built.
        var early = Resolve(builder.Configuration, configure);
        builder.WebHost.UseUrls(early.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = early.MaxRequestBytes);
        AddServices(builder.Services, configure);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>The options from configuration plus the caller's changes, with the API key from the environment if unset.</summary>
    internal static BallastWebOptions Resolve(IConfiguration configuration, Action<BallastWebOptions>? configure)
    {
        var o = new BallastWebOptions();
        var section = configuration.GetSection(BallastWebOptions.Section);
        if (BallastWebOptions.CheckSection(section.GetChildren().Select(c => (c.Key, c.Value))) is { } bad)
        {
            throw new BallastInputException(bad.Reason, field: bad.Field, value: bad.Value);
        }

        section.Bind(o);
        configure?.Invoke(o);
        o.ApiKey = AccessPolicy.KeyOrEnvironment(o.ApiKey);
        return o;
    }

    private static void AddServices(IServiceCollection services, Action<BallastWebOptions>? configure)
    {
        // Every logger of the app masks the API key (request lines carry ?api_key=); wrapping the factory covers every
        // provider, including ones added after this (tests capture logs this way).
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(
            new LoggerFactory(sp.GetServices<ILoggerProvider>(), sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(), sp.GetService<IOptions<LoggerFactoryOptions>>(), sp.GetService<IExternalScopeProvider>()),
            () => ApiKeyForRedaction(sp))));
        services.AddOptions<BallastWebOptions>()
            .Configure<IConfiguration>((o, config) =>
            {
                config.GetSection(BallastWebOptions.Section).Bind(o);
                configure?.Invoke(o);
                o.ApiKey = AccessPolicy.KeyOrEnvironment(o.ApiKey);
            });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BallastWebOptions>>().Value;
            if (o.Check() is { } bad)
            {
                throw new BallastInputException(bad.Reason, field: bad.Field);
            }

            return new AccessPolicy(o.Urls, o.ApiKey);
        });
        services.AddSingleton(sp => new JobStore(sp.GetRequiredService<IOptions<BallastWebOptions>>().Value.Store));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IJobExecutor, ScenarioJobExecutor>();
        services.AddSingleton<JobQueue>();
        services.AddSingleton(sp => new NetworkCache(sp.GetRequiredService<IOptions<BallastWebOptions>>().Value.NetworkCacheEntries));
        services.AddSingleton<ComputeThrottle>();
        AddGames(services);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, ComputeThrottle.ComputePolicy>(ComputeThrottle.Policy);
        });
        services.AddHostedService(sp => sp.GetRequiredService<JobQueue>());
        services.AddHostedService<BindingCheck>();
        services.AddProblemDetails();
        services.AddExceptionHandler<Problems.ExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Ballast API";
                doc.Info.Description = "Burden sharing, alliance networks and scenario ensembles of the US-led alliance system in the Indo-Pacific. Errors are RFC 7807 problem documents naming the field.";
                doc.Info.Version = typeof(BallastWebApp).Assembly.GetName().Version?.ToString(3) ?? "0";
                return Task.CompletedTask;
            });
            OpenApiContract.Configure(o);
        });
    }

    // Wargames: one game service over games.db in the store folder, its live updates pushed through the SignalR hub.
    private static void AddGames(IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<GameSessions>();
        services.AddSingleton<GameBroadcast>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<BallastWebOptions>>().Value;
            var games = new GameService(
                new SqliteGameLog(Path.Combine(sp.GetRequiredService<JobStore>().Root, "games.db")),
                new GameServiceOptions { Clock = sp.GetRequiredService<TimeProvider>(), BandRuns = o.GameBandRuns, Threads = o.Threads });
            games.Subscribe(sp.GetRequiredService<GameBroadcast>());
            return games;
        });
    }

    /// <summary>The key to mask in logs; when the settings themselves are bad (and the start fails) the environment's.</summary>
    private static string? ApiKeyForRedaction(IServiceProvider sp)
    {
        try
        {
            return sp.GetRequiredService<IOptions<BallastWebOptions>>().Value.ApiKey;
        }
        catch (InvalidOperationException)
        {
            return AccessPolicy.KeyOrEnvironment(null);
        }
    }

    private static void Configure(WebApplication app)
    {
        // Fail at start-up, not at the first request, when the settings are wrong (e.g. a public binding without a key).
        _ = app.Services.GetRequiredService<AccessPolicy>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(Guards.ApiKey);
        app.Use(Guards.RequestSize);
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        DataEndpoints.Map(app);
        ScenarioEndpoints.Map(app);
        JobEndpoints.Map(app);
        OptimiseEndpoints.Map(app);
        ExploreEndpoints.Map(app);
        GameEndpoints.Map(app);
        app.MapHub<GameHub>(GameHub.Path);
        Pages.Map(app);
    }
}
