package org.casw.gateway.as4;

import java.time.OffsetDateTime;
import com.helger.base.state.EChange;
import com.helger.base.state.EContinue;
import com.helger.collection.commons.CommonsArrayList;
import com.helger.collection.commons.ICommonsList;
import com.helger.phase4.duplicate.AS4DuplicateItem;
import com.helger.phase4.duplicate.IAS4DuplicateItem;
import com.helger.phase4.duplicate.IAS4DuplicateManager;

/**
 * phase4's duplicate check, answered from PostgreSQL instead of phase4's memory (which forgets after ten minutes
 * and on every restart): the received ebMS message ids are the ones {@link As4Ledger#answered} recorded with their
 * receipt, kept for {@code gateway.as4.duplicate-retention}. It never answers "duplicate" itself: phase4 would then
 * skip the processor and answer the sender with an ebMS error (EBMS:0004 "already handled"), whereas a sender that
 * retries after losing our answer must get a receipt, one valid for the message as resent (a sender that signs each
 * resend afresh checks the receipt's references against that resend). So the message goes on to {@link As4Inbox},
 * which authenticates it first and answers a known id with success without taking the document in again; phase4 then
 * builds the receipt as for a first message. A message refused or not stored is not recorded: its resend is taken as
 * new, which is what the refusal asked for.
 */
public class JdbcAs4DuplicateManager implements IAS4DuplicateManager {

    private final As4Ledger ledger;

    public JdbcAs4DuplicateManager(As4Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public EContinue registerAndCheck(String messageId, String profileId, String pmodeId) {
        // recorded with its receipt once answered (one write per message, not two)
        return EContinue.CONTINUE;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int size() {
        return ledger.countReceived();
    }

    @Override
    public IAS4DuplicateItem getItemOfMessageID(String messageId) {
        return ledger.received(messageId).map(m -> (IAS4DuplicateItem) new AS4DuplicateItem(m.ebmsMessageId(), null, null)).orElse(null);
    }

    @Override
    public ICommonsList<IAS4DuplicateItem> getAll() {
        ICommonsList<IAS4DuplicateItem> all = new CommonsArrayList<>();
        ledger.allReceived().forEach(m -> all.add(new AS4DuplicateItem(m.ebmsMessageId(), null, null)));
        return all;
    }

    @Override
    public EChange clearCache() {
        // the record is the gateway's evidence of what it answered; only the retention job forgets it
        return EChange.UNCHANGED;
    }

    @Override
    public ICommonsList<String> evictAllItemsBefore(OffsetDateTime reference) {
        return new CommonsArrayList<>(ledger.forgetReceivedBefore(reference.toInstant()));
    }
}
