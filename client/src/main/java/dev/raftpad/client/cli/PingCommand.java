package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code raftpad ping}: asks every server for its gRPC health. */
@Command(name = "ping", description = "Check that each server answers and is serving.")
final class PingCommand implements Callable<Integer> {
  @ParentCommand RaftpadCli root;
  @Spec CommandSpec spec;

  @Option(names = "--timeout-ms", defaultValue = "2000", description = "per-server deadline")
  long timeoutMillis;

  @Override
  public Integer call() throws InterruptedException {
    SeedAddresses seeds = root.seeds();
    int unreachable = 0;
    for (SeedAddresses.Address address : seeds.addresses()) {
      String state = check(address);
      spec.commandLine().getOut().println(address + " " + state);
      if (!state.equals("SERVING")) {
        unreachable++;
      }
    }
    return unreachable == 0 ? 0 : RaftpadCli.EXIT_UNREACHABLE;
  }

  private String check(SeedAddresses.Address address) throws InterruptedException {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                address.host(), address.port(), root.transport().options().channelCredentials())
            .build();
    try {
      ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      return status.name();
    } catch (StatusRuntimeException e) {
      return "UNREACHABLE (" + e.getStatus().getCode() + ")";
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
