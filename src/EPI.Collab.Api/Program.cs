using EPI.Collab.Api.Features;
using EPI.Collab.Api.Features.Audit;
using EPI.Collab.Api.Features.Cities;
using EPI.Collab.Api.Features.Demo;
using EPI.Collab.Api.Features.Live;
using EPI.Collab.Api.Features.PersonalData;
using EPI.Collab.Api.Features.Participants;
using EPI.Collab.Api.Features.Translations;
using EPI.Collab.Api.Features.Voting;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using EPI.Collab.Api.Infrastructure.Auth;
using EPI.Collab.Api.Infrastructure.Contract;
using EPI.Collab.Api.Realtime;
using JasperFx;
using Wolverine.Http;

PipeBuffers.KeepForLargeRooms(); // before anything uses the shared array pool (Realtime/PipeBuffers.cs)
var builder = WebApplication.CreateBuilder(args);

// Order matters for hosted services: wait for PostgreSQL, then Marten/Wolverine start, then the seed.
builder.Services.AddResilience();
builder.AddPersistence((store, configuration) => store.ConfigureFeatures(configuration))
    .AddLiveRelay()     // committed events → boards, feeds, live tallies (Features/Live) → ILivePush
    .AddChainKeeper();  // committed events → the audit hash chain
builder.Services.AddCities();
builder.Services.AddWorkshops();
builder.Services.AddDemoSeed(builder.Configuration);
builder.Services.AddVoting();
builder.Services.AddParticipants();
builder.AddPersonalData();
builder.AddTranslations();

builder.Services.AddWolverineHttp();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.ConfigureStrictInput(o.SerializerOptions));
builder.Services.AddRealtime(); // ILivePush → the SignalR hub
// Strict as HTTP's, but repeated keys bind: CastBallot takes its ballot as raw JSON and reads it as the HTTP door does,
// which refuses a repeated key with a field error (Features/Voting/Casting/CastBallotOverHub.cs).
builder.Services.AddSignalR().AddJsonProtocol(o => ApiJson.ConfigureStrictInput(o.PayloadSerializerOptions).AllowDuplicateProperties = true)
    .AddBackplane(builder.Configuration);
builder.AddEpiAuth();
builder.AddTelemetry();
builder.Services.AddErrorHandling();
builder.Services.AddEpiRateLimits(builder.Configuration);
builder.AddRequestLimits();
builder.Services.AddDatabaseCircuit();
builder.Services.AddHealth();
builder.Services.AddApiDocumentation(ApiTags.Descriptions);
builder.Services.AddContractSchemas();
builder.Services.AddWebClient();

var app = builder.Build();

app.UseErrorHandling();
app.UseDatabaseCircuit();
app.UseWebClient(); // static pages: public, before authentication
app.UseAuthentication();
app.UseRegisteredCityGuard(); // an unknown {cityId} is a 404 for every caller, before any policy or endpoint runs
app.UseAuthorization();
app.UseRateLimiter();
app.UseJsonBodyGuard();
app.UseIfMatch(); // If-Match fills in a command's version; a stale one is 412
app.UseRequestContract(); // the declared contract of the request's body, before the endpoint loads anything

app.MapHealth();
app.MapApiDocumentation();
app.MapWolverineEndpoints(opts =>
{
    // Each city is a Marten tenant: a route's {cityId} opens sessions for that city only.
    opts.TenantId.IsRouteArgumentNamed("cityId");
    // '?after=abc' is a 400, not silently 0.
    opts.RejectUnparseableQueryValues = true;
    // A GET of one versioned resource answers its version as ETag.
    opts.AddPolicy<Versions.ETagPolicy>();
});
app.MapHub<CollabHub>(CollabHub.Path);
app.PrintStartupBanner(CollabHub.Path);

return await app.RunJasperFxCommands(args);

public partial class Program;
