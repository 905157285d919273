// Runs the CLI from source (`npm run seg-setup -- …`, tests under tsx); the installed binary,
// bin/seg-setup.js, runs the built copy of the same entry point.
import { runFromProcess } from './main';

void runFromProcess();
