using System.Net.Sockets;
using System.Text.Json;
using EPI.Collab.Api.Features.Workshops;
using EPI.Collab.Api.Infrastructure;
using JasperFx;
using Marten.Exceptions;

namespace EPI.Collab.Tests.Infrastructure;

[Trait(Lane.Name, Lane.Unit)]
public class ErrorHandlingTests
{
    [Fact]
    public void a_concurrency_conflict_is_409() =>
        ErrorHandling.Classify(new ConcurrencyException(typeof(Workshop), Guid.CreateVersion7()))!.Value.Status.ShouldBe(409);

    [Fact]
    public void starting_an_existing_stream_is_409() =>
        ErrorHandling.Classify(new ExistingStreamIdCollisionException(Guid.CreateVersion7(), typeof(Workshop)))!.Value.Status
            .ShouldBe(409);

    [Fact]
    public void unreadable_json_is_400() =>
        ErrorHandling.Classify(new JsonException("bad"))!.Value.Status.ShouldBe(400);

    [Fact]
    public void an_unreachable_database_wrapped_in_another_exception_is_503() =>
        ErrorHandling.Classify(new InvalidOperationException("outer", new SocketException((int)SocketError.ConnectionRefused)))!
            .Value.Status.ShouldBe(503);

    [Fact]
    public void a_bug_is_not_dressed_up_as_a_client_error() =>
        ErrorHandling.Classify(new NullReferenceException()).ShouldBeNull();
}
