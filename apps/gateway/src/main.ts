import { readGatewaySettings, GatewaySettings } from './gateway.settings';
import { isMigrateOnly } from '@app/persistence';
import { migrateGateway, startGateway } from './gateway.app';

function main(): void {
  let settings: GatewaySettings;
  try {
    settings = readGatewaySettings();
  } catch (error) {
    process.stderr.write(`gateway: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  if (isMigrateOnly()) {
    migrateGateway(settings)
      .then((applied) => process.stdout.write(`gateway: applied ${applied.length} migration(s)\n`))
      .catch((error: unknown) => {
        process.stderr.write(
          `gateway: migration failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 1;
      });
    return;
  }
  startGateway(settings).catch((error: unknown) => {
    process.stderr.write(
      `gateway: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

main();
