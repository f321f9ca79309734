import { Injectable } from '@nestjs/common';
import {
  Caller,
  DeskListQuery,
  DeskSubmissionPageView,
  DeskSubmissionView,
  ReporterRpc,
  SubmissionAssignBody,
  SubmissionMessageView,
  SubmissionNoteBody,
  SubmissionTransitionBody,
  SubmitterMessage,
  TrackingView,
} from '@app/contracts';
import { NatsRpcClient } from '@app/messaging';

/**
 * The gateway's side of the reporter's typed operations: each goes to the service with the caller (the
 * service checks the moderator role itself) or, for tracking, with the client's address hash (it counts
 * wrong codes per address).
 */
@Injectable()
export class SubmissionsGateway {
  constructor(private readonly rpc: NatsRpcClient) {}

  track(trackingCode: string, caller: Caller): Promise<TrackingView> {
    return this.rpc.call(ReporterRpc.trackingView, { trackingCode, addressHash: addressOf(caller) });
  }

  answer(trackingCode: string, message: SubmitterMessage, caller: Caller): Promise<SubmissionMessageView> {
    return this.rpc.call(ReporterRpc.trackingReply, {
      trackingCode,
      addressHash: addressOf(caller),
      text: message.text,
    });
  }

  list(query: DeskListQuery, caller: Caller): Promise<DeskSubmissionPageView> {
    return this.rpc.call(ReporterRpc.deskList, { ...query, caller });
  }

  get(id: string, caller: Caller): Promise<DeskSubmissionView> {
    return this.rpc.call(ReporterRpc.deskGet, { caller, id });
  }

  transition(
    id: string,
    change: SubmissionTransitionBody,
    expectedVersion: number | undefined,
    caller: Caller,
  ): Promise<DeskSubmissionView> {
    return this.rpc.call(ReporterRpc.deskTransition, {
      caller,
      id,
      to: change.to,
      ...(change.messageToSubmitter !== undefined ? { messageToSubmitter: change.messageToSubmitter } : {}),
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  }

  assign(
    id: string,
    body: SubmissionAssignBody,
    expectedVersion: number | undefined,
    caller: Caller,
  ): Promise<DeskSubmissionView> {
    return this.rpc.call(ReporterRpc.deskAssign, {
      caller,
      id,
      staffId: body.staffId,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  }

  note(id: string, note: SubmissionNoteBody, caller: Caller): Promise<DeskSubmissionView> {
    return this.rpc.call(ReporterRpc.deskNote, { caller, id, text: note.text });
  }
}

/** Every caller the gateway resolves has an address hash; the fallback only satisfies the type. */
function addressOf(caller: Caller): string {
  return caller.addressHash ?? 'unknown';
}
